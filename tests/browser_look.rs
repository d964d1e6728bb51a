//! The alert's look in headless Chromium, in a page of its own (these tests load the real
//! stylesheets with motion off and set the page's font, which would change other tests' pages):
//! `layout` (issue 9 point 3), the config file's `font`, and emotes whose image fails to load.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, Control, EngineConfig, Layout};
use tau_overlay::tau::protocol::Frame;
use tau_overlay::text::EmotePosition;
use tau_overlay::web::components::alert_box::{use_alert_engine, AlertBox, UseAlertEngineOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
mod support;
use support::{attr, sleep, test_root, texts};

fn js(code: &str) -> JsValue {
    js_sys::Function::new_no_args(code).call0(&JsValue::NULL).unwrap()
}

/// The default theme and the alert box's stylesheet as the overlay page links them, with motion
/// off (so no transform is mid-animation when boxes are measured) and a small font.
fn load_stylesheets() {
    let style = document().create_element("style").unwrap();
    let css = [
        include_str!("../www/themes/default.css"),
        include_str!("../src/web/components/alert_box/alert_box.css"),
        ":root { --tau-motion: 0; --tau-font-size: 20px; --tau-alert-min-width: 0; }",
    ]
    .join("\n");
    style.set_text_content(Some(&css));
    document().head().unwrap().append_child(&style).unwrap();
}

/// A 10×10 SVG as a data URL, so the image slot has a picture without any request.
const IMAGE: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E";

fn rect(root: &web_sys::HtmlElement, css: &str) -> web_sys::DomRect {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .get_bounding_client_rect()
}

/// Mounts a follow alert with an image in `layout`; returns where the image sits against the
/// headline, whether the alert spans its whole box, and `data-layout`.
async fn measure(layout: Option<Layout>) -> (&'static str, bool, Option<String>) {
    let root = test_root();
    let mut config = EngineConfig {
        layout,
        ..EngineConfig::default()
    };
    config.classes.follow.image = Some(IMAGE.into());
    config.classes.follow.sound_volume = Some(0.0.try_into().unwrap());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        alerts.push(AlertInput {
            user: Some("ana".into()),
            ..AlertInput::new(AlertClass::Follow)
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    sleep(50).await;
    let (image, headline) = (
        rect(&root, "[data-testid=alert-image]"),
        rect(&root, "[data-testid=alert-headline]"),
    );
    let (alert, boxed) = (
        rect(&root, "[data-testid=alert]"),
        rect(&root, "[data-testid=alert-box]"),
    );
    let place = if image.bottom() <= headline.top() + 0.5 {
        "above"
    } else if image.right() <= headline.left() + 0.5 && image.bottom() > headline.top() {
        "beside"
    } else {
        "elsewhere"
    };
    let full_width = (alert.width() - boxed.width()).abs() < 1.0;
    let data_layout = attr(&root, "[data-testid=alert-box]", "data-layout");
    drop(handle);
    root.remove();
    (place, full_width, data_layout)
}

async fn layout_key_moves_the_image_above_beside_or_into_a_banner() {
    assert_eq!(
        measure(None).await,
        ("above", false, None),
        "the default theme's own layout"
    );
    assert_eq!(
        measure(Some(Layout::Above)).await,
        ("above", false, Some("above".into()))
    );
    assert_eq!(
        measure(Some(Layout::Beside)).await,
        ("beside", false, Some("beside".into()))
    );
    assert_eq!(
        measure(Some(Layout::Banner)).await,
        ("beside", true, Some("banner".into())),
        "a banner is beside, edge to edge"
    );
}

async fn config_font_sets_the_family_with_its_fallback_and_never_holds_an_alert() {
    let root = test_root();
    let config = EngineConfig::from_json(
        r#"{"font": {"family": "Outfit", "url": "fonts/no-such-font.css"}, "classes": {"follow": {"sound_volume": 0}}}"#,
    )
    .unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        alerts.push(AlertInput {
            user: Some("ana".into()),
            ..AlertInput::new(AlertClass::Follow)
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        vec!["ana is now following!".to_string()],
        "the alert shows while the font (a 404 here) loads"
    );
    let html: web_sys::HtmlElement = document().document_element().unwrap().unchecked_into();
    assert_eq!(
        html.style().get_property_value("--tau-font-family").unwrap(),
        "\"Outfit\", var(--tau-font-fallback)"
    );
    let link = document()
        .get_element_by_id("tau-font")
        .expect("a font stylesheet link");
    assert_eq!(link.get_attribute("rel").as_deref(), Some("stylesheet"));
    assert_eq!(link.get_attribute("referrerpolicy").as_deref(), Some("no-referrer"));
    assert_eq!(link.get_attribute("href").as_deref(), Some("fonts/no-such-font.css"));
    let headline = root.query_selector("[data-testid=alert-headline]").unwrap().unwrap();
    let family = window()
        .get_computed_style(&headline)
        .unwrap()
        .unwrap()
        .get_property_value("font-family")
        .unwrap();
    assert!(
        family.starts_with("Outfit, Inter") || family.starts_with("\"Outfit\", Inter"),
        "the family, then the theme's fallback: {family}"
    );
    drop(handle);
    tick().await;
    assert!(
        document().get_element_by_id("tau-font").is_none(),
        "unmount removes the link"
    );
    assert_eq!(html.style().get_property_value("--tau-font-family").unwrap(), "");
    root.remove();

    // A font file becomes a FontFace that swaps in when loaded.
    let config = EngineConfig::from_json(r#"{"font": {"family": "Brand Sans", "url": "fonts/brand.woff2"}}"#).unwrap();
    let handle = leptos::mount::mount_to(test_root(), move || {
        view! { <AlertBox alerts=use_alert_engine(UseAlertEngineOptions { config }) /> }
    });
    tick().await;
    let faces = js(
        "return [...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Brand Sans')
        .map(f => f.display).join(',');",
    );
    assert_eq!(faces.as_string().as_deref(), Some("swap"));
    assert!(
        document().get_element_by_id("tau-font").is_none(),
        "no stylesheet for a font file"
    );
    drop(handle);
}

/// An emote whose image fails to load (an id Twitch's CDN does not have; this machine reaches
/// no CDN at all) must not leave a broken-image icon on stream: its name shows as text.
async fn broken_emote_image_shows_the_emote_name_as_text() {
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions::default());
        alerts.push(AlertInput {
            user: Some("ana".into()),
            months: 3,
            message: Some("hi NoSuchEmote".into()),
            emotes: vec![EmotePosition {
                begin: 3,
                end: 13,
                id: "emotesv2_00000000000000000000000000000000".into(),
            }],
            ..AlertInput::new(AlertClass::Resub)
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    assert_eq!(
        root.query_selector_all("img[data-testid=alert-emote]")
            .unwrap()
            .length(),
        1,
        "first an image from the CDN"
    );
    for _ in 0..100 {
        if root.query_selector("img").unwrap().is_none() {
            break;
        }
        sleep(50).await;
    }
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "the broken image is gone"
    );
    assert_eq!(
        texts(&root, "[data-testid=alert-message]"),
        vec!["hi NoSuchEmote".to_string()]
    );
    drop(handle);
}

/// One frame of every alert-worthy event type (PROTOCOL.md §4.2), in an order in which each makes
/// an alert (the hype train's progress comes after its begin).
const EVERY_TYPE: [&str; 16] = [
    include_str!("fixtures/channel-follow.json"),
    include_str!("fixtures/channel-subscribe.json"),
    include_str!("fixtures/channel-subscription-message.json"),
    include_str!("fixtures/channel-subscription-gift.json"),
    include_str!("fixtures/channel-cheer.json"),
    include_str!("fixtures/channel-raid.json"),
    include_str!("fixtures/channel-channel_points_custom_reward_redemption-add.json"),
    include_str!("fixtures/channel-hype_train-begin.json"),
    include_str!("fixtures/channel-hype_train-progress.json"),
    include_str!("fixtures/channel-hype_train-end.json"),
    include_str!("fixtures/channel-goal-end.json"),
    include_str!("fixtures/channel-poll-end.json"),
    include_str!("fixtures/channel-prediction-end.json"),
    include_str!("fixtures/channel-charity_campaign-donate.json"),
    include_str!("fixtures/channel-shoutout-receive.json"),
    include_str!("fixtures/stream-online.json"),
];

/// The built-in themes over the default one, as `theme=` loads them.
const THEMES: [(&str, &str); 3] = [
    ("default", ""),
    ("neon", include_str!("../www/themes/neon.css")),
    ("lower-third", include_str!("../www/themes/lower-third.css")),
];

/// Issue 9's "every alert type renders in each theme": each event type, in each built-in theme,
/// shows as an alert of its kind with its headline, a visible box, its kind label and an accent.
async fn every_alert_type_renders_in_every_theme() {
    let theme = document().create_element("style").unwrap();
    document().head().unwrap().append_child(&theme).unwrap();
    for (name, css) in THEMES {
        theme.set_text_content(Some(css));
        let root = test_root();
        let config =
            EngineConfig::from_json(r#"{"exit_ms": 0, "slack_ms": 0, "gift_window_ms": 0, "master_volume": 0}"#)
                .unwrap();
        let slot = std::rc::Rc::new(std::cell::Cell::new(None));
        let out = slot.clone();
        let handle = leptos::mount::mount_to(root.clone(), move || {
            let alerts = use_alert_engine(UseAlertEngineOptions { config });
            out.set(Some(alerts));
            view! { <AlertBox alerts=alerts /> }
        });
        let alerts = slot.get().unwrap();
        for frame in EVERY_TYPE {
            let Ok(Frame::Event(envelope)) = Frame::parse(frame) else {
                panic!("not an event: {frame}")
            };
            let kind = AlertInput::from_envelope(&envelope).expect("an alert").class.name();
            let what = format!("{name}: {kind}");
            alerts.push_envelope(&envelope);
            tick().await;
            sleep(30).await;
            let alert = root
                .query_selector("[data-testid=alert][data-state=shown]")
                .unwrap()
                .unwrap_or_else(|| panic!("{what}: no alert"));
            assert_eq!(alert.get_attribute("data-kind").as_deref(), Some(kind), "{what}");
            let headline = texts(&root, "[data-testid=alert-headline]").concat();
            assert!(headline.chars().count() > 5, "{what}: headline {headline:?}");
            let r = alert.get_bounding_client_rect();
            assert!(
                r.width() > 150.0 && r.height() > 40.0,
                "{what}: {}x{}",
                r.width(),
                r.height()
            );
            let style = window().get_computed_style(&alert).unwrap().unwrap();
            assert!(
                !style.get_property_value("--tau-accent").unwrap().trim().is_empty(),
                "{what}: accent"
            );
            let label = window()
                .get_computed_style_with_pseudo_elt(&alert, "::before")
                .unwrap()
                .unwrap()
                .get_property_value("content")
                .unwrap();
            assert!(label.starts_with('"') && label.len() > 2, "{what}: kind label {label}");
            alerts.control(Control::Skip);
            tick().await;
            sleep(30).await;
        }
        drop(handle);
        root.remove();
    }
    theme.remove();
}

/// The tests share the page's stylesheets and `<html>` style: one after another.
#[wasm_bindgen_test]
async fn look_one_after_another() {
    load_stylesheets();
    every_alert_type_renders_in_every_theme().await;
    layout_key_moves_the_image_above_beside_or_into_a_banner().await;
    config_font_sets_the_family_with_its_fallback_and_never_holds_an_alert().await;
    broken_emote_image_shows_the_emote_name_as_text().await;
}
