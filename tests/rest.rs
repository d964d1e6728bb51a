#![cfg(not(target_arch = "wasm32"))]
//! REST helpers (PROTOCOL.md §7, §10 item 13): the token check tells a wrong token from an
//! unreachable or foreign server, Helix answers are read tolerantly, and only whitelisted image
//! URLs come out.

use serde_json::{json, Value};
use std::path::Path;
use tau_overlay::settings::Token;
use tau_overlay::tau::rest::*;

#[path = "fake_tau/mod.rs"]
mod fake_tau;

use fake_tau::client::http;
use fake_tau::{FakeTau, FakeTauOptions};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const TAU_BAD_TOKEN: &str = r#"{"detail":"Invalid token."}"#;
const DJANGO_500: &str = "<!DOCTYPE html><html><head><title>Server Error (500)</title></head><body></body></html>";

/// `GET` [`TOKEN_CHECK_PATH`] on the fake TAU with these headers, classified.
async fn token_check(tau: &FakeTau, headers: &[(&str, &str)]) -> TokenStatus {
    let reply = http(tau.addr(), "GET", TOKEN_CHECK_PATH, headers, "").await;
    classify_token_check(Some(reply.status), &reply.text())
}

#[tokio::test]
async fn the_token_check_request_built_from_these_helpers_is_accepted_by_tau() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let good = auth_header(&Token::new(tau.token()));
    let wrong = auth_header(&Token::new("not-the-token"));
    let (accept, json) = ACCEPT_JSON;
    // What the overlay sends: the token in DRF's `Token` scheme, and JSON asked for.
    assert_eq!(
        token_check(&tau, &[(&good.0, &good.1), (accept, json)]).await,
        TokenStatus::Ok
    );
    assert_eq!(
        token_check(&tau, &[(&wrong.0, &wrong.1), (accept, json)]).await,
        TokenStatus::Rejected
    );
    assert_eq!(
        token_check(&tau, &[(accept, json)]).await,
        TokenStatus::Rejected,
        "the path needs auth"
    );
    // A browser's default `Accept` gets DRF's HTML browsable API, which is no answer to trust;
    // ACCEPT_JSON is what keeps the reply JSON.
    let browser_accept = ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!(
        token_check(&tau, &[(&good.0, &good.1), browser_accept]).await,
        TokenStatus::ServerError(200)
    );
    let reply = http(
        tau.addr(),
        "GET",
        TOKEN_CHECK_PATH,
        &[(&good.0, &good.1), (accept, json)],
        "",
    )
    .await;
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

#[test]
fn token_check_classification() {
    let list = fixture("rest_twitch_events_list.json");
    assert_eq!(classify_token_check(Some(200), &list), TokenStatus::Ok);
    assert_eq!(classify_token_check(Some(401), TAU_BAD_TOKEN), TokenStatus::Rejected);
    assert_eq!(
        classify_token_check(
            Some(401),
            r#"{"detail":"Authentication credentials were not provided."}"#
        ),
        TokenStatus::Rejected
    );
    assert_eq!(classify_token_check(None, ""), TokenStatus::Unreachable);
    assert_eq!(
        classify_token_check(Some(500), DJANGO_500),
        TokenStatus::ServerError(500)
    );
    assert_eq!(classify_token_check(Some(502), ""), TokenStatus::ServerError(502));
    // Something else on the port (HTML 200, a proxy's 401 page, a JSON 404): not TAU's answer.
    assert_eq!(
        classify_token_check(Some(200), "<html>hi</html>"),
        TokenStatus::ServerError(200)
    );
    assert_eq!(
        classify_token_check(Some(401), "<html>login</html>"),
        TokenStatus::ServerError(401)
    );
    assert_eq!(
        classify_token_check(Some(404), r#"{"detail":"Not found."}"#),
        TokenStatus::ServerError(404)
    );
    assert_eq!(TokenStatus::default(), TokenStatus::Unknown);
    assert_eq!(TokenStatus::Ok.label(), "token OK");
    assert_eq!(TokenStatus::Rejected.label(), "token rejected");
    assert_eq!(TokenStatus::Unreachable.label(), "TAU unreachable");
    assert!(TokenStatus::ServerError(500).label().contains("500"));
}

#[test]
fn helix_users_path_repeats_login_encoded_without_trailing_slash() {
    assert_eq!(
        helix_users_path(&["TestChatter", "second_user"]),
        "/api/twitch/helix/users?login=testchatter&login=second_user"
    );
    assert_eq!(
        helix_users_path(&["a b&c=d"]),
        "/api/twitch/helix/users?login=a%20b%26c%3Dd"
    );
    assert_eq!(
        helix_cheermotes_path("141981764"),
        "/api/twitch/helix/bits/cheermotes?broadcaster_id=141981764"
    );
}

fn users_body() -> Value {
    json!({"data": [
        {
            "id": "141981764", "login": "twitchdev", "display_name": "TwitchDev", "type": "",
            "broadcaster_type": "partner", "description": "Supporting third-party developers.",
            "profile_image_url": "https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7-d0c0-4576-b179-38bd5ce1d6af-profile_image-300x300.png",
            "offline_image_url": "https://static-cdn.jtvnw.net/jtv_user_pictures/3f13ab61-ec78-4fe6-8481-8682cb3b0ac2-channel_offline_image-1920x1080.png",
            "view_count": 5980557, "created_at": "2016-12-14T20:32:28Z"
        },
        { "id": "1", "login": "NoPicture", "display_name": "NoPicture" },
        { "id": "2", "login": "evil", "display_name": "Evil", "profile_image_url": "javascript:alert(1)" },
        { "id": "3", "display_name": "no login" },
        "junk"
    ]})
}

#[test]
fn helix_users_are_read_tolerantly_and_image_urls_whitelisted() {
    let users = parse_helix_users(&users_body());
    assert_eq!(users.len(), 3);
    assert_eq!(users[0].id, "141981764");
    assert_eq!(users[0].login, "twitchdev");
    assert_eq!(users[0].display_name, "TwitchDev");
    assert!(users[0]
        .profile_image_url
        .as_deref()
        .unwrap()
        .starts_with("https://static-cdn.jtvnw.net/"));
    assert_eq!(users[1].login, "nopicture");
    assert_eq!(users[1].profile_image_url, None);
    assert_eq!(users[2].profile_image_url, None, "javascript: never reaches <img src>");
    assert!(parse_helix_users(&json!({"data": null})).is_empty());
    assert!(parse_helix_users(&Value::Null).is_empty());
}

#[test]
fn helix_errors_say_who_refused() {
    assert_eq!(classify_helix_error(200, &users_body()), None);
    let twitch = json!({"error": "Unauthorized", "status": 401, "message": "Invalid OAuth token"});
    assert_eq!(
        classify_helix_error(401, &twitch),
        Some(HelixError::Twitch {
            status: 401,
            error: "Unauthorized".into(),
            message: "Invalid OAuth token".into()
        })
    );
    let tau: Value = serde_json::from_str(TAU_BAD_TOKEN).unwrap();
    assert_eq!(
        classify_helix_error(401, &tau),
        Some(HelixError::TauRejected("Invalid token.".into()))
    );
    assert_eq!(
        classify_helix_error(500, &Value::Null),
        Some(HelixError::Unexpected(500))
    );
}

#[test]
fn profile_cache_remembers_answers_and_failures() {
    let mut cache = ProfileCache::default();
    assert_eq!(cache.get("TwitchDev"), CacheEntry::Miss);
    cache.mark_pending("TwitchDev");
    cache.mark_pending("ghost");
    assert_eq!(cache.get("twitchdev"), CacheEntry::Pending);
    cache.fill(&["TwitchDev", "ghost"], &parse_helix_users(&users_body()));
    assert!(matches!(cache.get("TWITCHDEV"), CacheEntry::Hit(Some(url)) if url.starts_with("https://")));
    // Asked for, not returned (renamed, banned): no picture, and no second request.
    assert_eq!(cache.get("ghost"), CacheEntry::Hit(None));
    assert_eq!(cache.get("evil"), CacheEntry::Hit(None));
    cache.mark_pending("down");
    cache.fail(&["down"]);
    assert_eq!(cache.get("down"), CacheEntry::Hit(None));
}

#[test]
fn profile_cache_is_bounded_first_in_first_out() {
    let mut cache = ProfileCache::new(3);
    for login in ["a", "b", "c"] {
        cache.fail(&[login]);
    }
    cache.mark_pending("b"); // an update does not move or duplicate an entry
    assert_eq!(cache.len(), 3);
    cache.fail(&["d"]);
    assert_eq!(cache.len(), 3);
    assert_eq!(cache.get("a"), CacheEntry::Miss);
    assert_eq!(cache.get("b"), CacheEntry::Pending);
    assert_eq!(cache.get("d"), CacheEntry::Hit(None));
}

fn tier(min_bits: u64, dark_animated: &str) -> Value {
    let urls = |theme: &str, kind: &str, ext: &str| {
        json!({
            "1": format!("https://d3aqoihi2n8ty8.cloudfront.net/actions/cheer/{theme}/{kind}/{min_bits}/1.{ext}"),
            "1.5": format!("https://d3aqoihi2n8ty8.cloudfront.net/actions/cheer/{theme}/{kind}/{min_bits}/1.5.{ext}"),
            "2": format!("https://d3aqoihi2n8ty8.cloudfront.net/actions/cheer/{theme}/{kind}/{min_bits}/2.{ext}"),
        })
    };
    let mut dark_anim = urls("dark", "animated", "gif");
    if !dark_animated.is_empty() {
        dark_anim["1"] = json!(dark_animated);
    }
    json!({
        "min_bits": min_bits, "id": min_bits.to_string(), "color": "#979797",
        "images": {
            "dark": { "animated": dark_anim, "static": urls("dark", "static", "png") },
            "light": { "animated": urls("light", "animated", "gif"), "static": urls("light", "static", "png") },
        },
        "can_cheer": true, "show_in_bits_card": true
    })
}

#[test]
fn cheermotes_pick_dark_animated_1x_and_the_right_tier() {
    let body = json!({"data": [
        {
            "prefix": "Cheer",
            // Out of order on purpose; the 1000 tier has an unsafe animated image.
            "tiers": [tier(100, ""), tier(1, ""), tier(1000, "javascript:x"), tier(10000, ""), {"min_bits": 5000}],
            "type": "global_first_party", "order": 1, "last_updated": "2018-05-22T00:06:04Z", "is_charitable": false
        },
        { "tiers": [tier(1, "")] },
        { "prefix": "Empty", "tiers": null }
    ]});
    let cheermotes = parse_cheermotes(&body);
    assert_eq!(cheermotes.len(), 2);
    let cheer = &cheermotes[0];
    assert_eq!(cheer.prefix, "Cheer");
    let mins: Vec<u64> = cheer.tiers.iter().map(|(m, _)| *m).collect();
    assert_eq!(
        mins,
        [1, 100, 1000, 10000],
        "sorted; the tier without images is skipped"
    );
    let base = "https://d3aqoihi2n8ty8.cloudfront.net/actions/cheer";
    assert_eq!(cheer.image_for(0), None);
    assert_eq!(cheer.image_for(1), Some(&*format!("{base}/dark/animated/1/1.gif")));
    assert_eq!(cheer.image_for(99), Some(&*format!("{base}/dark/animated/1/1.gif")));
    assert_eq!(cheer.image_for(100), Some(&*format!("{base}/dark/animated/100/1.gif")));
    // Unsafe animated URL: falls back to the dark static image.
    assert_eq!(cheer.image_for(4999), Some(&*format!("{base}/dark/static/1000/1.png")));
    assert_eq!(
        cheer.image_for(u64::MAX),
        Some(&*format!("{base}/dark/animated/10000/1.gif"))
    );
    assert!(cheermotes[1].tiers.is_empty());
    assert!(parse_cheermotes(&json!({"error": "Unauthorized"})).is_empty());
}

#[test]
fn only_https_or_local_http_images_pass() {
    assert!(safe_image_url("https://static-cdn.jtvnw.net/a.png").is_some());
    assert!(safe_image_url("http://127.0.0.1:8123/img/a.png").is_some());
    for bad in [
        "http://static-cdn.jtvnw.net/a.png",
        "javascript:alert(1)",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "http://127.0.0.1:80@evil.example/a.png",
        "https://x/\"onerror=\"alert(1)",
        "",
    ] {
        assert_eq!(safe_image_url(bad), None, "{bad}");
    }
}
