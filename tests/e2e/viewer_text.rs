//! Viewer text on the served overlay (issue 9 points 7 and 8): emotes and cheermotes as images or
//! coloured tokens, and the config file's word filter masking, hiding and dropping.

use super::fake_tau::FakeTauOptions;
use super::overlay::{dist_dir, open_overlay, wait_for_auth};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resub_emotes_are_cdn_images_and_a_cheer_shows_its_cheermote_not_the_cheer_word() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=2", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // Every emote image as it is added: one that then fails to load (a machine that cannot
    // reach Twitch's CDN) is replaced by its name, so it is recorded here first.
    browser
        .client
        .execute(
            "window.__emotes = [];
             new MutationObserver(ms => ms.forEach(m => m.addedNodes.forEach(n => {
               if (n.nodeType !== 1) return;
               (n.tagName === 'IMG' ? [n] : [...n.querySelectorAll('img')])
                 .filter(i => i.classList.contains('tau-alert__emote'))
                 .forEach(i => window.__emotes.push([i.getAttribute('src'), i.alt]));
             }))).observe(document.body, {childList: true, subtree: true});",
            vec![],
        )
        .await
        .expect("observe emote images");
    // "15 months already! Kappa HeyGuys", emotes 25 at 19..=23 and 30259 at 25..=31.
    tau.fire_fixture("channel-subscription-message");
    browser
        .wait_for(
            "[data-testid=alert-message]",
            Duration::from_secs(10),
            "the resub message",
            |t| t.iter().any(|m| m.starts_with("15 months already! ")),
        )
        .await;
    let recorded = browser.client.execute("return window.__emotes", vec![]).await;
    let emotes: Vec<[String; 2]> = serde_json::from_value(recorded.expect("read emotes")).expect("pairs");
    let want = |id: &str, alt: &str| {
        [
            format!("https://static-cdn.jtvnw.net/emoticons/v2/{id}/default/dark/2.0"),
            alt.to_string(),
        ]
    };
    assert_eq!(emotes, [want("25", "Kappa"), want("30259", "HeyGuys")]);
    // Once each image has loaded or failed, viewers see no broken image: a failed emote is its
    // name as text (this machine cannot reach the CDN; one that can shows the images).
    let settled = "const m = [...document.querySelectorAll('[data-testid=alert-message]')].pop();
        const imgs = [...m.querySelectorAll('img')];
        return [imgs.filter(i => !i.complete).length, imgs.filter(i => i.complete && !i.naturalWidth).length,
                imgs.map(i => i.alt).join(' '), m.textContent];";
    let start = Instant::now();
    let (broken, shown, text) = loop {
        let v = browser.client.execute(settled, vec![]).await.expect("read the message");
        let (pending, broken, shown, text): (u32, u32, String, String) = serde_json::from_value(v).expect("state");
        if pending == 0 || start.elapsed() > Duration::from_secs(10) {
            break (broken, shown, text);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(broken, 0, "no broken-image icon on stream");
    let want_text = match shown.as_str() {
        "Kappa HeyGuys" => "15 months already!  ",
        "" => "15 months already! Kappa HeyGuys",
        other => panic!("emotes half loaded: {other}"),
    };
    assert_eq!(text, want_text);

    tau.fire(
        "channel-cheer",
        json!({"user_name": "Ana", "bits": 100, "message": "Cheer100 hi"}),
    );
    let messages = browser
        .wait_for(
            "[data-testid=alert-message]",
            Duration::from_secs(10),
            "the cheer message",
            |t| t.iter().any(|m| m.ends_with(" hi")),
        )
        .await;
    assert!(messages.contains(&"Cheer100 hi".to_string()), "{messages:?}");
    let cheermote = browser
        .client
        .execute(
            "const m = [...document.querySelectorAll('[data-testid=alert-message]')].pop();
             const c = m.firstElementChild;
             return [c.dataset.testid, c.dataset.color, getComputedStyle(c).color, c.textContent];",
            vec![],
        )
        .await
        .expect("read the cheermote");
    // Helix is a 404 on the fake TAU: no image, the token in the 100-bit tier's purple.
    assert_eq!(
        cheermote,
        json!(["alert-cheermote", "#9c3ee8", "rgb(156, 62, 232)", "Cheer100"])
    );
    browser.close().await;
}

/// A config file written into `dist/` for one test, removed on drop.
struct ConfigFile(PathBuf);

impl ConfigFile {
    fn new(name: &str, body: &str) -> ConfigFile {
        let path = dist_dir().join(name);
        std::fs::write(&path, body).expect("write the config file");
        ConfigFile(path)
    }
}

impl Drop for ConfigFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn word_filter_from_the_config_file_masks_names_hides_messages_and_drops_alerts() {
    let config = json!({
        "classes": {"cheer": {"duration_ms": 1500}},
        "word_filter": {"lists": [
            {"words": ["darn"], "action": "mask"},
            {"words": ["spoiler"], "action": "hide_message"},
            {"words": ["buy followers"], "action": "drop_alert"}
        ]}
    });
    let _file = ConfigFile::new("m1-word-filter.json", &config.to_string());
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!(
            "#token={}&tau={}&debug&config=/m1-word-filter.json",
            t.token(),
            t.host_port()
        )
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    browser.record_alerts().await;
    // Each alert's message as it appears (none when the alert has no message element).
    browser
        .client
        .execute(
            "window.__messages = [];
             new MutationObserver((ms) => { for (const m of ms) for (const n of m.addedNodes) {
                 if (n.nodeType === 1 && n.matches('[data-testid=alert]')) {
                     const msg = n.querySelector('[data-testid=alert-message]');
                     if (msg) window.__messages.push(msg.textContent);
                 }
             } }).observe(document.body, { childList: true, subtree: true });",
            vec![],
        )
        .await
        .expect("install the message recorder");
    let cheer = |name: &str, message: &str| json!({"user_name": name, "bits": 10, "message": message});
    tau.fire("channel-cheer", cheer("D4RN_it", "what a ｄａｒｎ play"));
    tau.fire("channel-cheer", cheer("bo", "the end: s.p.o.i.l.e.r"));
    tau.fire("channel-cheer", cheer("spam", "BUY   f0llowers cheap"));
    tau.fire("channel-cheer", cheer("last", "ok"));
    let started = Instant::now();
    let alerts = loop {
        let alerts = browser.recorded_alerts().await;
        if alerts.iter().any(|(_, _, t)| t.starts_with("last")) {
            break alerts;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "only {alerts:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let texts: Vec<&str> = alerts.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "****_it cheered 10 bits!",
            "bo cheered 10 bits!",
            "last cheered 10 bits!"
        ]
    );
    // The messages seen on screen: masked, hidden (no message element), absent.
    let messages = browser
        .client
        .execute("return window.__messages", vec![])
        .await
        .expect("read messages");
    assert_eq!(messages, json!(["what a **** play", "ok"]));
    assert_eq!(
        browser.text("[data-testid=count-filtered]").await,
        "1",
        "the dropped alert is counted"
    );
    browser.close().await;
}
