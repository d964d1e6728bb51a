//! [`Overlay`]: the whole OBS overlay — reads the URL fragment, loads the alert config file,
//! connects to TAU (or runs the demo feed) through the page's one shared feed, and shows the
//! widgets `widgets=` chooses. [`mount_overlay`] mounts it on the page body.

pub(crate) mod live;

pub use crate::web::components::feed::{
    use_demo_feed, use_tau_link, LinkStatus, TauLinkHandle, UseDemoFeedOptions, UseTauLinkOptions, UseTauLinkReturn,
};

use crate::engine::{AlertClass, AlertInput, EngineConfig};
use crate::settings::{OverlayConfig, ParsedFragment, Widget};
use crate::tau::backfill::Delivery;
use crate::web::browser::{http, page};
use crate::web::components::alert_box::{
    self, use_alert_engine, use_helix_images, AlertBox, UseAlertEngineOptions, UseHelixImagesOptions,
};
use crate::web::components::chat::{self, use_chat, ChatList, UseChatOptions};
use crate::web::components::feed::{use_tau, UseTauOptions};
use crate::web::components::status::{use_obs_view, SetupNotice, StatusPanel};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::tachys::view::Mountable;

/// The overlay for a parsed URL fragment.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::{settings::parse_fragment, Overlay};
/// let parsed = parse_fragment("#demo");
/// leptos::mount::mount_to_body(move || view! { <Overlay parsed=parsed /> });
/// ```
#[component]
pub fn Overlay(
    /// The configuration, from [`crate::web::browser::page::take_config`] or
    /// [`crate::settings::parse_fragment`].
    parsed: ParsedFragment,
) -> impl IntoView {
    let ParsedFragment { config, problems, .. } = parsed;
    for problem in &problems {
        page::warn(&problem.to_string());
    }
    if let Some(Err(e)) = config.theme.as_deref().map(crate::web::browser::theme::load) {
        page::warn(&e);
    }
    let mut problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let widgets = config.widgets();
    if widgets.contains(&Widget::Chat) && config.chat.is_none() {
        problems.push("widget `chat` needs chat=<login> (not shown)".into());
    }
    let problems = RwSignal::new(problems);
    let alerts = use_alert_engine(UseAlertEngineOptions {
        config: engine_config(&config, EngineConfig::default()),
    });
    alert_box::register(alerts);
    // Inside OBS: hidden pauses, sound only on program output and in the elected copy.
    let obs = crate::web::obs::use_obs_integration(alerts);
    // The page's one link (or demo feed); with a config file it connects once the file is loaded.
    let feed = use_tau(UseTauOptions {
        config: config.clone(),
        demo_engine: engine_config(&config, EngineConfig::default()),
        deferred: config.config_file.is_some(),
    });
    // The offline summary's language: the fragment's, else the config file's once it is loaded.
    let summary_lang = StoredValue::new(engine_config(&config, EngineConfig::default()).lang.unwrap_or_default());
    if widgets.contains(&Widget::Alerts) {
        let broadcaster = config.broadcaster.clone().unwrap_or_default();
        feed.subscribe_batches(move |deliveries| {
            let lang = summary_lang.get_value();
            alerts.push_all(deliveries.iter().filter_map(|d| alert_input(d, &broadcaster, lang)))
        });
    }
    if let Some(file) = config.config_file.clone() {
        {
            // The feed starts once the config file is loaded (or failed to load), so no event is
            // shown with the wrong settings. The task holds its owner only weakly (a strong one
            // would keep an unmounted overlay alive) and does nothing once it is gone, so an
            // unmount during the load opens no socket.
            let owner = Owner::current().expect("components run under an owner").downgrade();
            let config = config.clone();
            leptos::task::spawn_local(async move {
                let loaded = load_engine_config(&file).await;
                let Some(owner) = owner.upgrade() else {
                    return;
                };
                let engine = match loaded {
                    Ok(loaded) => engine_config(&config, loaded),
                    Err(e) => {
                        let e = e.to_string();
                        page::warn(&e);
                        problems.try_update(|p| p.push(e));
                        engine_config(&config, EngineConfig::default())
                    }
                };
                owner.with(|| {
                    // The feed only schedules work here: its first event comes after reconfigure.
                    summary_lang.set_value(engine.lang.unwrap_or_default());
                    feed.start(Some(engine.clone()));
                    alerts.reconfigure(engine);
                });
            });
        }
    }
    // No origin (a malformed `tau` or `tls`): nothing connects, and the notice says why.
    let origin = config.origin();
    let chat_box = match (&config.chat, &config.token, config.demo, &origin) {
        (Some(login), Some(token), false, Some(origin)) if widgets.contains(&Widget::Chat) => {
            let handle = use_chat(UseChatOptions {
                config: config.clone(),
                origin: origin.clone(),
                login: login.clone(),
                token: token.clone(),
            });
            chat::register(handle);
            // A banned user's lines leave the chat box (also those still waiting out chat_delay).
            feed.subscribe(move |d| chat::banned_login(d).into_iter().for_each(|login| handle.ban(login)));
            Some(view! { <ChatList chat=handle /> })
        }
        _ => None,
    };
    let images = match (&config.token, config.demo, &origin) {
        (Some(token), false, Some(origin)) => Some(use_helix_images(UseHelixImagesOptions {
            origin: origin.clone(),
            token: token.clone(),
        })),
        _ => None,
    };
    let preview = config.debug || !page::in_obs();
    let notes = move || {
        let list = problems.get();
        (preview && !list.is_empty()).then(|| {
            view! {
                <ul class="tau-notice" data-testid="config-problems">
                    {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            }
        })
    };
    // The widgets that need only the feed, in page order.
    let feed_widgets: Vec<AnyView> = widgets
        .iter()
        .filter_map(|&w| live::feed_widget(w, &config, feed))
        .collect();
    let alert_box = widgets
        .contains(&Widget::Alerts)
        .then(|| view! { <AlertBox alerts=alerts images=images /> });
    let demo = config.demo;
    let link_status = feed.status();
    let panel = if preview {
        view! { <StatusPanel link=link_status engine=alerts.snapshot() demo=demo media=alerts.media().status() sounder=obs.election /> }
            .into_any()
    } else {
        // Inside OBS without `debug`: a small notice, only while off program output.
        let problems = Signal::derive(move || problems.get());
        view! { <SetupNotice view=use_obs_view() link=link_status problems=problems demo=demo /> }.into_any()
    };
    view! {
        <main class="tau-overlay">
            {alert_box}
            {chat_box}
            {feed_widgets}
            {notes}
            {panel}
        </main>
    }
}

/// Applies the fragment's engine keys (`delay`, `interrupt`, `duration`, `lang`, `layout`) over
/// a config file's settings; without a `lang` in either, the browser's language.
pub(crate) fn engine_config(config: &OverlayConfig, mut engine: EngineConfig) -> EngineConfig {
    engine.lang = config
        .lang
        .or(engine.lang)
        .or_else(crate::web::browser::intl::browser_lang);
    engine.layout = config.layout.or(engine.layout);
    if let Some(delay) = config.delay {
        engine.delay_ms = delay.as_millis() as u64;
    }
    if let Some(interrupt) = config.interrupt {
        engine.interrupt = interrupt;
    }
    if let Some(duration) = config.duration {
        let ms = Some(duration.as_millis() as u64);
        let c = &mut engine.classes;
        for class in [
            &mut c.raid,
            &mut c.gift_bomb,
            &mut c.sub,
            &mut c.resub,
            &mut c.cheer,
            &mut c.redemption,
            &mut c.follow,
            &mut c.other,
        ] {
            class.duration_ms = ms;
            class.variations.iter_mut().for_each(|v| v.duration_ms = None);
        }
    }
    engine
}

/// Why the alert config file (`config=`) did not load. The overlay then runs with the default
/// settings and shows this in preview.
#[derive(Debug, thiserror::Error)]
pub enum ConfigFileError {
    /// The file could not be fetched: check the `config=` path or URL (and CORS for another host).
    #[error("config file {file}: {error}")]
    Unreachable {
        /// The `config=` value.
        file: String,
        /// What the fetch said.
        error: http::HttpError,
    },
    /// The server answered with another status than 200: check that the file is there.
    #[error("config file {file}: HTTP {status}")]
    Status {
        /// The `config=` value.
        file: String,
        /// The HTTP status.
        status: u16,
    },
    /// The file is not a valid configuration: fix the key it names.
    #[error("config file {file}: {error}")]
    Invalid {
        /// The `config=` value.
        file: String,
        /// Where and what.
        error: crate::engine::ConfigError,
    },
}

async fn load_engine_config(file: &str) -> Result<EngineConfig, ConfigFileError> {
    let reply = http::get(file, None)
        .await
        .map_err(|error| ConfigFileError::Unreachable {
            file: file.to_owned(),
            error,
        })?;
    if reply.status != 200 {
        return Err(ConfigFileError::Status {
            file: file.to_owned(),
            status: reply.status,
        });
    }
    EngineConfig::from_json(&reply.body).map_err(|error| ConfigFileError::Invalid {
        file: file.to_owned(),
        error,
    })
}

/// The alert for a delivery: an event's own (none for another channel's event when the
/// broadcaster id is known), or one "While offline: …" summary alert in `lang`.
pub(crate) fn alert_input(delivery: &Delivery, broadcaster: &str, lang: crate::engine::Lang) -> Option<AlertInput> {
    match delivery {
        Delivery::Alert(envelope) => AlertInput::from_envelope_for(envelope, broadcaster),
        Delivery::Summary(summary) => {
            let details = summary.details_in(lang, crate::web::browser::intl::format_number);
            Some(AlertInput {
                user: Some(summary.headline_in(lang).to_string()),
                message: Some(details),
                ..AlertInput::new(AlertClass::Other("offline-summary"))
            })
        }
    }
}

/// Reads the configuration from the address bar (removing the token from it) and mounts the
/// [`Overlay`] on `<body>`. Keep the handle: dropping it unmounts the overlay.
pub fn mount_overlay() -> leptos::mount::UnmountHandle<impl Mountable> {
    let parsed = page::take_config();
    let body = document().body().expect("an HTML page has a <body>");
    mount_to(body, move || view! { <Overlay parsed=parsed /> })
}
