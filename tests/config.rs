#![cfg(not(target_arch = "wasm32"))]
//! The URL fragment: every key, the token scrubbed from the address bar in every spelling, and a
//! malformed `tau` that connects nowhere.

use core::time::Duration;
use tau_overlay::settings::*;

#[test]
fn full_fragment_is_read_and_token_is_scrubbed() {
    let p = parse_fragment("#token=s3cr%2Bet&tau=tau.example:8443&tls&debug=1&chat=TestBot");
    assert_eq!(p.problems, vec![]);
    assert_eq!(p.config.token.as_ref().map(Token::expose), Some("s3cr+et"));
    assert_eq!(
        p.config.tau,
        Some(TauAddr {
            host: "tau.example".into(),
            port: 8443
        })
    );
    assert!(p.config.tls && p.config.debug && !p.config.demo);
    assert_eq!(p.config.chat.as_deref(), Some("testbot"));
    assert_eq!(p.scrubbed, "#tau=tau.example:8443&tls&debug=1&chat=TestBot");
    let origin = p.config.origin().unwrap();
    assert_eq!(
        origin.ws_url("/ws/twitch-events/"),
        "wss://tau.example:8443/ws/twitch-events/"
    );
    assert_eq!(origin.http_url("/api/v1/"), "https://tau.example:8443/api/v1/");
}

#[test]
fn demo_alone_needs_no_token_and_defaults_apply() {
    let p = parse_fragment("#demo");
    assert!(p.problems.is_empty());
    assert!(p.config.demo);
    assert_eq!(p.config.tau, Some(TauAddr::default()));
    assert_eq!(p.config.origin().unwrap().ws_url("/x/"), "ws://localhost:8000/x/");
    assert_eq!(p.scrubbed, "#demo");
}

#[test]
fn missing_token_is_reported() {
    assert_eq!(parse_fragment("").problems, vec![ConfigProblem::NoToken]);
    assert_eq!(parse_fragment("#token=").problems.len(), 2);
}

#[test]
fn malformed_values_are_problems_not_panics() {
    let p = parse_fragment("#token=a&tau=bad/host&tls=maybe&colour=red&watchdog=0&x=%zz&chat=a%20b");
    assert_eq!(p.problems.len(), 6, "{:?}", p.problems);
    assert!(p.problems.contains(&ConfigProblem::UnknownKey("colour".into())));
    assert!(p.problems.contains(&ConfigProblem::UnknownKey("x".into())));
    assert_eq!(p.config.tau, None, "a malformed tau connects nowhere");
    assert!(!p.config.tls);
    assert_eq!(p.config.watchdog, Duration::from_secs(300));
    assert_eq!(
        p.scrubbed,
        "#tau=bad/host&tls=maybe&colour=red&watchdog=0&x=%zz&chat=a%20b"
    );
}

#[test]
fn engine_keys_are_read_and_validated() {
    let p = parse_fragment("#demo&config=themes/alerts.json&delay=2.5&interrupt&duration=1.5");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.config.duration, Some(Duration::from_millis(1500)));
    assert_eq!(p.config.offline_summary, Duration::from_secs(600));
    assert_eq!(
        parse_fragment("#demo&offline_summary=30").config.offline_summary,
        Duration::from_secs(1800)
    );
    assert_eq!(parse_fragment("#demo&offline_summary=soon").problems.len(), 1);
    assert_eq!(
        parse_fragment("#demo&broadcaster=12345").config.broadcaster.as_deref(),
        Some("12345")
    );
    assert_eq!(parse_fragment("#demo&broadcaster=teststreamer").problems.len(), 1);
    assert_eq!(p.config.config_file.as_deref(), Some("themes/alerts.json"));
    assert_eq!(p.config.delay, Some(Duration::from_millis(2500)));
    assert_eq!(p.config.interrupt, Some(true));
    let p = parse_fragment("#demo&config=javascript:alert(1)&delay=-1&interrupt=perhaps&duration=0");
    assert_eq!(p.problems.len(), 4, "{:?}", p.problems);
    assert_eq!(p.config.config_file, None);
    assert_eq!(
        parse_fragment("#demo&config=https://cdn.example/a.json")
            .config
            .config_file
            .as_deref(),
        Some("https://cdn.example/a.json")
    );
}

#[test]
fn tau_address_forms() {
    assert_eq!(TauAddr::parse("host").unwrap().port, 8000);
    assert_eq!(TauAddr::parse("10.0.0.2:80").unwrap().to_string(), "10.0.0.2:80");
    assert_eq!(TauAddr::parse("[::1]:9000").unwrap().to_string(), "[::1]:9000");
    assert_eq!(TauAddr::parse("[::1]").unwrap().port, 8000);
    for bad in [
        "", ":80", "h:0", "h:99999", "h@evil:1", "h/p", "[::1", "h:x", "a:b:80", "[h]:80", "h]:80",
    ] {
        assert!(TauAddr::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn token_debug_is_redacted() {
    let p = parse_fragment("#token=hunter2");
    let dump = format!("{:?}", p);
    assert!(!dump.contains("hunter2"), "{dump}");
    assert!(!p.scrubbed.contains("hunter2"));
}

#[test]
fn malformed_tau_setting_connects_nowhere() {
    for fragment in [
        "#token=t&tau=bad/host",
        "#tau=bad/host&token=t&tau=localhost:8000",
        "#token=t&tls=maybe",
    ] {
        let p = parse_fragment(fragment);
        assert_eq!(p.config.tau, None, "{fragment}");
        assert_eq!(p.config.origin(), None, "{fragment}");
        assert!(
            p.problems
                .iter()
                .any(|e| matches!(e, ConfigProblem::ConnectNowhere { .. })
                    && e.to_string().contains("not connecting anywhere")),
            "{fragment}: {:?}",
            p.problems
        );
    }
    assert!(parse_fragment("#token=t").config.origin().is_some());
}

#[test]
fn url_encoded_fragment_never_puts_the_token_on_screen() {
    for fragment in [
        "#token%3Dsecret&tau=127.0.0.1:8000",
        "#token%3Dsecret%26tau%3D127.0.0.1%3A8000",
        "#TOKEN=secret&tau=127.0.0.1:8000",
        "#%74oken=secret&tau=127.0.0.1:8000",
        "#%20token=secret&tau=127.0.0.1:8000",
    ] {
        let p = parse_fragment(fragment);
        assert_eq!(p.config.token.as_ref().map(Token::expose), Some("secret"), "{fragment}");
        assert_eq!(p.problems, vec![], "{fragment}");
        assert_eq!(p.scrubbed, "#tau=127.0.0.1:8000", "{fragment}");
    }
    // Keys that only look like the token: never echoed, never kept in the address bar.
    for fragment in [
        "#tokensecret&demo",
        "#token2=secret&demo",
        "#9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b&demo",
        "#tok%65nsecret=1&demo",
    ] {
        let p = parse_fragment(fragment);
        let shown: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        assert_eq!(p.problems, vec![ConfigProblem::SecretLikeKey], "{fragment}");
        assert!(
            !shown.concat().contains("secret") && !shown.concat().contains("9944"),
            "{shown:?}"
        );
        assert_eq!(p.scrubbed, "#demo", "{fragment}");
    }
    // The token pasted as another setting's value leaves the address bar too.
    let p = parse_fragment("#token=s3cret-value&chat=s3cret-value&demo");
    assert_eq!(p.scrubbed, "#demo");
    // Unknown keys are shown cut short, and values never.
    let p = parse_fragment("#demo&colour=s3cret&averyveryverylongkeyname.with.dots=1");
    let shown: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert!(!shown.concat().contains("s3cret"), "{shown:?}");
    assert!(
        shown.iter().any(|s| s.contains("`averyveryverylongkeyname…`")),
        "{shown:?}"
    );
}

#[test]
fn layout_key_picks_a_layout_and_an_unknown_one_is_a_notice() {
    use tau_overlay::engine::Layout;
    for (name, want) in [
        ("above", Layout::Above),
        ("beside", Layout::Beside),
        ("banner", Layout::Banner),
    ] {
        let p = parse_fragment(&format!("#demo&layout={name}"));
        assert!(p.problems.is_empty(), "{name}: {:?}", p.problems);
        assert_eq!(p.config.layout, Some(want));
    }
    let p = parse_fragment("#demo&layout=sideways");
    assert_eq!(p.config.layout, None, "the theme's own layout");
    assert_eq!(
        p.problems,
        vec![ConfigProblem::BadValue {
            key: "layout".into(),
            reason: "expected above, beside or banner"
        }]
    );
    assert!(
        !p.problems[0].to_string().contains("sideways"),
        "notices never show values"
    );
}

#[test]
fn font_and_layout_in_the_config_file_name_their_key_path() {
    use tau_overlay::engine::{EngineConfig, FontSource, Layout};
    let c = EngineConfig::from_json(
        r#"{"layout": "banner", "font": {"family": "Outfit", "url": "https://fonts.example/css2?family=Outfit"}}"#,
    )
    .unwrap();
    assert_eq!(c.layout, Some(Layout::Banner));
    let font = c.font.unwrap();
    assert_eq!(font.family.as_str(), "Outfit");
    assert_eq!(font.url.as_ref().unwrap().source(), FontSource::Stylesheet);
    let local = EngineConfig::from_json(r#"{"font": {"family": "Comic Neue", "url": null}}"#).unwrap();
    assert_eq!(local.font.unwrap().url, None);
    for (text, want) in [
        (
            r#"{"layout": "sideways"}"#,
            "layout: unknown value \"sideways\" (expected one of above, beside, banner)",
        ),
        (r#"{"layout": 1}"#, "layout: expected a string, found a number"),
        (r#"{"font": "Outfit"}"#, "font: expected an object, found a string"),
        (r#"{"font": {}}"#, "font: missing key \"family\""),
        (
            r#"{"font": {"family": "Outfit", "size": 3}}"#,
            "font: unknown key \"size\"",
        ),
        (
            r#"{"font": {"family": "x\"; color: red"}}"#,
            "font.family: expected a font family name",
        ),
        (
            r#"{"font": {"family": "Outfit", "url": "javascript:alert(1)"}}"#,
            "font.url: expected an https:// URL",
        ),
        (
            r#"{"font": {"family": "Outfit", "url": "data:font/woff2;base64,AA"}}"#,
            "font.url: expected an https:// URL",
        ),
        (
            r#"{"font": {"family": "Outfit", "url": "http://fonts.example/a.css"}}"#,
            "font.url: expected an https:// URL",
        ),
    ] {
        let got = EngineConfig::from_json(text).unwrap_err().to_string();
        assert!(got.starts_with(want), "{text}: {got}");
    }
}
