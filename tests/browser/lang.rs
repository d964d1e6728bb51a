//! Issue 9 point 2 in Chromium: `lang=` picks the texts through the real overlay, and numbers are
//! written the language's way by the real `Intl.NumberFormat` the alert box wires in.

use super::{sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, Donation, EngineConfig, Lang, Money};
use tau_overlay::settings::parse_fragment;
use tau_overlay::web::browser::intl::format_number;
use tau_overlay::web::components::alert_box::{use_alert_engine, AlertBox, UseAlertEngineOptions};
use tau_overlay::Overlay;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn overlay_with_lang_de_shows_the_demo_follow_in_german() {
    let root = test_root();
    let parsed = parse_fragment("#demo&lang=de");
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    // The demo's first event (a follow) comes 500 ms after the start.
    let mut shown = Vec::new();
    for _ in 0..40 {
        sleep(100).await;
        shown = texts(&root, "[data-testid=alert-headline]");
        if !shown.is_empty() {
            break;
        }
    }
    assert!(
        matches!(&shown[..], [text] if text.ends_with(" folgt jetzt!")),
        "{shown:?}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn alert_box_in_german_writes_1000_bits_as_1_000_and_money_the_german_way() {
    let root = test_root();
    let mut config = EngineConfig {
        lang: Some(Lang::De),
        exit_ms: 0,
        slack_ms: 0,
        ..EngineConfig::default()
    };
    config.classes.cheer.duration_ms = Some(200);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        alerts.push(AlertInput {
            user: Some("ana".into()),
            amount: 1000,
            ..AlertInput::new(AlertClass::Cheer)
        });
        alerts.push(AlertInput {
            user: Some("bo".into()),
            amount: 1550,
            donation: Some(Box::new(Donation {
                amount: Money {
                    value: 1550,
                    decimal_places: 2,
                    currency: "EUR".into(),
                },
                charity: String::new(),
            })),
            ..AlertInput::new(AlertClass::Other("charity-donate"))
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        ["ana hat 1.000 Bits gecheert!"]
    );
    let mut shown = Vec::new();
    for _ in 0..40 {
        sleep(100).await;
        shown = texts(&root, "[data-testid=alert-headline]");
        if shown.iter().any(|t| t.starts_with("bo ")) {
            break;
        }
    }
    // Intl writes a no-break space between amount and sign.
    assert_eq!(shown, ["bo hat 15,50\u{a0}€ gespendet!"]);
    drop(handle);
}

#[wasm_bindgen_test]
fn intl_formats_counts_and_money_for_every_language() {
    let money = Money {
        value: 123_456,
        decimal_places: 2,
        currency: "usd".into(),
    };
    use tau_overlay::engine::Number::{Count, Money as Cash};
    assert_eq!(format_number(Lang::En, Count(1_234_567)), "1,234,567");
    assert_eq!(format_number(Lang::De, Count(1_234_567)), "1.234.567");
    assert_eq!(format_number(Lang::En, Cash(&money)), "$1,234.56");
    assert_eq!(format_number(Lang::PtBr, Cash(&money)), "US$\u{a0}1.234,56");
    // A malformed currency code is shown plainly instead of making Intl throw.
    let odd = Money {
        currency: "X".into(),
        ..money
    };
    assert_eq!(format_number(Lang::Fr, Cash(&odd)), "1234.56 X");
}
