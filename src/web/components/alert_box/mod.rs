//! [`AlertBox`]: shows the alert on screen, and [`use_alert_engine`], which drives the pure
//! alert [`Engine`](crate::engine::Engine) with one browser timer.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::web::components::alert_box::{use_alert_engine, AlertBox, UseAlertEngineOptions};
//! use tau_overlay::engine::{AlertClass, AlertInput};
//!
//! #[component]
//! fn MyOverlay() -> impl IntoView {
//!     let alerts = use_alert_engine(UseAlertEngineOptions::default());
//!     alerts.push(AlertInput { user: Some("ana".into()), ..AlertInput::new(AlertClass::Follow) });
//!     view! { <AlertBox alerts=alerts /> }
//! }
//! ```

mod engine_driver;
mod images;
mod media;
mod visual;

pub use engine_driver::{use_alert_engine, AlertEngineHandle, ShownAlert, UseAlertEngineOptions, UseAlertEngineReturn};
pub use images::{use_helix_images, HelixImages, UseHelixImagesOptions, UseHelixImagesReturn};
pub use media::{AudioState, MediaHandle, MediaStatus};

use crate::engine::{AlertClass, Control};
use crate::text::parts::TextPart;
use crate::text::{hex_color, twitch_cdn_url, Fragment};
use core::time::Duration;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// The engine [`control`] drives, with the id of its registration.
    static CURRENT: Cell<Option<(u64, AlertEngineHandle)>> = const { Cell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Why the JS API `alert_control(name, arg)` refused a call (it throws the message).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    /// No overlay is mounted (or it was unmounted): mount one, or open the overlay page.
    #[error("no alert engine mounted")]
    NotMounted,
    /// The control name is not one of the documented ones: check its spelling.
    #[error("unknown control {0}")]
    UnknownControl(String),
    /// The argument of `panic` or `delay` is not a number of 0 to 86400: pass e.g. `"2.5"`.
    #[error("{control}: bad number {arg}")]
    BadNumber {
        /// The control.
        control: String,
        /// The argument given.
        arg: String,
    },
}

/// Makes `alerts` the engine [`control`] drives (the overlay registers its engine here), until
/// the current reactive owner is cleaned up (unmount): then [`control`] fails with
/// [`ControlError::NotMounted`] again, unless another engine registered meanwhile.
pub fn register(alerts: AlertEngineHandle) {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    CURRENT.with(|c| c.set(Some((id, alerts))));
    on_cleanup(move || {
        CURRENT.with(|c| {
            if c.get().is_some_and(|(current, _)| current == id) {
                c.set(None);
            }
        })
    });
}

/// Operator controls by name, for the JS API `alert_control(name, arg)`: `pause`, `resume`,
/// `skip`, `clear`, `replay` (last alert, or the TAU event id in `arg`), `panic` (drop queued
/// follows and mute follows for `arg` minutes, default 10), `unmute`, `delay` (`arg` seconds),
/// `interrupt` (`arg` `on`/`off`), `mute` (sound and speech off; `arg` `off` turns them on).
pub fn control(name: &str, arg: Option<&str>) -> Result<(), ControlError> {
    let (_, alerts) = CURRENT.with(Cell::get).ok_or(ControlError::NotMounted)?;
    let number = |default: f64| -> Result<f64, ControlError> {
        match arg {
            None => Ok(default),
            Some(a) => a
                .parse::<f64>()
                .ok()
                .filter(|n| *n >= 0.0 && *n <= 86_400.0)
                .ok_or_else(|| ControlError::BadNumber {
                    control: name.to_string(),
                    arg: a.to_string(),
                }),
        }
    };
    let control = match name {
        "pause" => Control::Pause,
        "resume" => Control::Resume,
        "skip" => Control::Skip,
        "clear" => Control::Clear,
        "replay" => match arg {
            Some(id) => Control::Replay(id.to_string()),
            None => Control::ReplayLast,
        },
        "panic" => Control::Panic {
            class: AlertClass::Follow,
            mute: Duration::from_secs_f64(number(10.0)? * 60.0),
        },
        "unmute" => Control::Unmute(AlertClass::Follow),
        "delay" => Control::SetDelay(Duration::from_secs_f64(number(0.0)?)),
        "interrupt" => Control::SetInterrupt(arg != Some("off")),
        "mute" => {
            alerts.media().set_muted(arg != Some("off"));
            return Ok(());
        }
        other => return Err(ControlError::UnknownControl(other.to_string())),
    };
    alerts.control(control);
    Ok(())
}

/// Renders the alerts of `alerts` (at most the current one and the one leaving). All viewer
/// text is rendered as text nodes. Theme it with the `--tau-*` custom properties of
/// `alert_box.css`; `data-kind` and `data-state` select per-type and per-phase styles.
#[component]
pub fn AlertBox(
    /// The engine to show, from [`use_alert_engine`].
    alerts: AlertEngineHandle,
    /// Profile pictures and cheermotes through TAU's Helix passthrough; none when absent.
    #[prop(default = None)]
    images: Option<HelixImages>,
) -> impl IntoView {
    let shown = alerts.shown();
    let layout = move || alerts.layout().get().map(crate::engine::Layout::name);
    view! {
        <div class="tau-alert-box" data-testid="alert-box" data-layout=layout>
            <For
                each=move || shown.get()
                key=|s: &ShownAlert| s.view.key
                children=move |s: ShownAlert| {
                    let key = s.view.key;
                    let state = move || {
                        shown.with(|v| v.iter().find(|x| x.view.key == key).map(|x| x.phase.name()).unwrap_or("exiting"))
                    };
                    let login = s
                        .view
                        .user
                        .as_deref()
                        .filter(|u| !u.is_empty() && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
                        .map(str::to_ascii_lowercase);
                    let (class, amount) = (s.view.class, s.view.amount);
                    // The configured image or video, else a Helix picture.
                    let visual = alerts.media().plan(&s.view).and_then(|p| p.visual);
                    let image = move || {
                        if let Some(visual) = visual.clone() {
                            return Some(visual::visual(alerts, key, visual));
                        }
                        let images = images?;
                        let src = match class {
                            AlertClass::Cheer => images.cheermote(amount),
                            _ => images.avatar(login.as_deref()?),
                        }?;
                        Some(view! { <img class="tau-alert__image" data-testid="alert-image" src=src alt="" /> }.into_any())
                    };
                    let message = (!s.view.message.is_empty())
                        .then(|| view! { <div class="tau-alert__message" data-testid="alert-message">{fragments(s.view.message, images)}</div> });
                    view! {
                        <div
                            class="tau-alert"
                            data-testid="alert"
                            data-kind=s.view.class.name()
                            data-shape=s.view.shape.name()
                            data-variation=s.view.variation
                            data-state=state
                            on:animationend=move |ev| {
                                // Only the alert's own exit animation ends it, not a child's
                                // (an animated image or name bubbles up here too).
                                if ev.target() == ev.current_target() {
                                    alerts.control(Control::AnimationEnded(key));
                                }
                            }
                        >
                            {image}
                            <div class="tau-alert__headline" data-testid="alert-headline">{text_parts(s.view.headline)}</div>
                            {message}
                        </div>
                    }
                }
            />
        </div>
    }
}

/// Renders message fragments as text nodes and `<img>`s from Twitch's CDNs only: emotes by id
/// (`.tau-alert__emote`), cheermotes (`.tau-alert__cheer`) as the tier image and the amount, or
/// the token as text until an image is known. A cheermote's tier colour is a validated `#rrggbb`
/// in `data-color`, which the stylesheet maps to `--tau-cheer-color` (no inline style).
fn fragments(parts: Vec<Fragment>, images: Option<HelixImages>) -> impl IntoView {
    // One view shape for every kind (a span, maybe an image, then text): fewer view types
    // compile to less wasm than one per kind.
    parts
        .into_iter()
        .map(|part| {
            let src = part.image_url().and_then(|u| twitch_cdn_url(&u));
            let (class, testid, color, image_class, alt, amount, cheer) = match part {
                Fragment::Text(text) => (None, None, None, "", text, None, false),
                Fragment::Emote { alt, .. } => (None, None, None, "tau-alert__emote", alt, None, false),
                Fragment::Cheermote {
                    prefix,
                    amount,
                    tier_color,
                    ..
                } => (
                    Some("tau-alert__cheer"),
                    Some("alert-cheermote"),
                    tier_color.as_deref().and_then(hex_color),
                    "tau-alert__cheermote",
                    format!("{prefix}{amount}"),
                    Some(amount),
                    prefix.eq_ignore_ascii_case("cheer"),
                ),
            };
            // Cheermote images of the global `Cheer` come from Helix once loaded (reactive). An
            // image that fails to load is dropped, so its name shows as text instead of a
            // broken-image icon (owned by this alert's row, freed with it).
            let broken = RwSignal::new(false);
            let image = move || {
                let helix = || images.filter(|_| cheer)?.cheermote(amount?);
                let src = src.clone().or_else(helix).and_then(|u| twitch_cdn_url(&u));
                src.filter(|_| !broken.get())
            };
            let (alt_text, has_image) = (alt.clone(), image.clone());
            let img = move || {
                image().map(|src| {
                    let testid = (image_class == "tau-alert__emote").then_some("alert-emote");
                    view! {
                        <img
                            class=image_class
                            data-testid=testid
                            src=src
                            alt=alt_text.clone()
                            on:error=move |_| broken.set(true)
                        />
                    }
                })
            };
            // Beside its image a cheermote reads as its amount, an emote as nothing; without an
            // image, as its text.
            let text = move || match (has_image().is_some(), amount) {
                (false, _) => alt.clone(),
                (true, Some(bits)) => bits.to_string(),
                (true, None) => String::new(),
            };
            view! { <span class=class data-testid=testid data-color=color>{img}{text}</span> }
        })
        .collect_view()
}

/// Renders text parts as text nodes inside spans (never as HTML).
fn text_parts(parts: Vec<TextPart>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part {
            TextPart::Name(n) => {
                // One span per letter, for per-letter animations (`.tau-alert__letter`).
                let letters = crate::text::letters::letters(&n)
                    .into_iter()
                    .map(|l| view! { <span class="tau-alert__letter">{l.to_string()}</span> })
                    .collect_view();
                view! { <span class="tau-alert__name">{letters}</span> }.into_any()
            }
            TextPart::Text(t) => view! { <span>{t}</span> }.into_any(),
        })
        .collect_view()
}
