//! Themes in the served overlay: `theme=NAME` loads `themes/NAME.css` over the default theme,
//! each built-in theme really changes the alert, and the page background stays transparent.

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::Value;
use std::time::Duration;

/// What a theme decides about the shown alert, read from computed styles.
const STYLE: &str = r#"
    const alert = document.querySelector('[data-testid=alert][data-state=shown]');
    const a = getComputedStyle(alert), box = alert.getBoundingClientRect();
    const letter = alert.querySelector('.tau-alert__letter');
    const link = document.getElementById('tau-theme');
    return {
        font: a.fontFamily, areas: a.gridTemplateAreas, background: a.backgroundImage + a.backgroundColor,
        enter: a.animationName, width: Math.round(box.width), top: Math.round(box.top),
        letter: letter ? getComputedStyle(letter).animationName : null,
        page: [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor],
        link: link ? link.getAttribute('href') : null,
        rules: link && link.sheet ? link.sheet.cssRules.length : 0,
    };
"#;

async fn alert_style(theme: Option<&str>) -> (Value, FakeTau, Browser) {
    let theme = theme.map(|t| format!("&theme={t}")).unwrap_or_default();
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}{theme}&duration=30", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    tau.fire_fixture("channel-follow");
    browser
        .wait_for(
            "[data-testid=alert][data-state=shown]",
            Duration::from_secs(5),
            "the follow alert",
            |t| t.len() == 1,
        )
        .await;
    // Let the stylesheet and the enter animation settle.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let style = browser
        .client
        .execute(STYLE, vec![])
        .await
        .expect("read computed style");
    (style, tau, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_built_in_theme_loads_and_restyles_the_alert_over_a_transparent_page() {
    let mut seen: Vec<(String, Value)> = Vec::new();
    for theme in ["default", "neon", "lower-third"] {
        let (style, _tau, browser) = alert_style(Some(theme)).await;
        browser.close().await;
        let link = style["link"].as_str().unwrap_or_default();
        assert!(link.starts_with(&format!("themes/{theme}.css?v=")), "{theme}: {style}");
        assert!(
            style["rules"].as_u64().unwrap() > 3,
            "{theme}: stylesheet did not load: {style}"
        );
        assert_eq!(
            style["page"],
            serde_json::json!(["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"]),
            "{theme}: {style}"
        );
        assert!(
            style["enter"].as_str().unwrap().starts_with("tau-"),
            "{theme}: no enter animation: {style}"
        );
        assert!(
            style["letter"].as_str().unwrap().starts_with("tau-letter-"),
            "{theme}: no letter animation: {style}"
        );
        for (other, before) in &seen {
            for key in ["font", "areas", "background", "width", "top"] {
                if key == "areas" && other == "neon" && theme == "lower-third" {
                    continue; // both put the image beside the text; the banner is full width
                }
                assert_ne!(before[key], style[key], "{theme} and {other} have the same {key}");
            }
        }
        seen.push((theme.to_string(), style));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_theme_keeps_the_default_look_and_the_alert_still_shows() {
    let (default, _tau, browser) = alert_style(None).await;
    browser.close().await;
    assert_eq!(default["link"], Value::Null, "no theme link without theme=: {default}");
    let (missing, _tau, browser) = alert_style(Some("no-such-theme")).await;
    browser.close().await;
    for key in ["font", "areas", "background", "enter", "page"] {
        assert_eq!(default[key], missing[key], "a missing theme file changed {key}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn motion_switch_zeroes_every_alert_and_letter_animation() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&theme=neon&duration=30", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // What a user theme (or OBS's Custom CSS box) does to turn motion off.
    let off = "const s = document.createElement('style'); s.textContent = ':root { --tau-motion: 0; }'; document.head.append(s);";
    browser
        .client
        .execute(off, vec![])
        .await
        .expect("add the motion switch");
    tau.fire_fixture("channel-follow");
    browser
        .wait_for(
            "[data-testid=alert][data-state=shown]",
            Duration::from_secs(5),
            "the follow alert",
            |t| t.len() == 1,
        )
        .await;
    let script = r#"
        const alert = document.querySelector('[data-testid=alert]');
        return [alert, ...alert.querySelectorAll('.tau-alert__letter')].map(e => {
            const s = getComputedStyle(e);
            return [s.animationName, s.animationDuration, s.animationDelay];
        });
    "#;
    let timings = browser.client.execute(script, vec![]).await.expect("read animations");
    let timings = timings.as_array().unwrap();
    assert!(timings.len() > 3, "the alert and the letters of the name: {timings:?}");
    for t in timings {
        assert!(t[0].as_str().unwrap().starts_with("tau-"), "{timings:?}");
        assert_eq!((&t[1], &t[2]), (&Value::from("0s"), &Value::from("0s")), "{timings:?}");
    }
    browser.close().await;
}
