//! Issue 9 point 9: an injection corpus fed through every place viewer text reaches the real
//! [`AlertBox`] (names, messages, reward titles, redemption inputs, emote ids and positions, cheer
//! messages, config headline templates). Nothing may add an element or attribute outside the
//! expected set, point an image anywhere but Twitch's CDN, or run a script.

use super::{sleep, test_root};
use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, EngineConfig, RedemptionInfo, Template};
use tau_overlay::text::{clean_name, EmotePosition, NAME_MAX};
use tau_overlay::web::components::alert_box::{use_alert_engine, AlertBox, UseAlertEngineOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

/// Every payload sets `window.__pwned` if it ever runs as script.
fn payloads() -> Vec<String> {
    let p = "window.__pwned=1";
    let mut list: Vec<String> = vec![
        format!("<script>{p}</script>"),
        format!("<SCRIPT SRC=data:text/javascript,{p}></SCRIPT>"),
        format!("<scr<script>ipt>{p}</scr</script>ipt>"),
        format!("\"><script>{p}</script>"),
        format!("'><script>{p}</script>"),
        format!("</span><script>{p}</script><span>"),
        format!("</div></div><script>{p}</script>"),
        format!("<img src=x onerror={p}>"),
        format!("<img src=\"x\" onerror=\"{p}\">"),
        format!("<IMG SRC=x oNeRrOr={p}>"),
        format!("<body onload={p}>"),
        format!("<div onmouseover={p}>hover</div>"),
        format!("<input autofocus onfocus={p}>"),
        format!("<details open ontoggle={p}>"),
        format!("<video><source onerror={p}></video>"),
        format!("<audio src=x onerror={p}>"),
        format!("<marquee onstart={p}>"),
        format!("<iframe src=javascript:{p}>"),
        format!("<iframe srcdoc=\"<script>parent.{p}</script>\">"),
        format!("<a href=\"javascript:{p}\">click</a>"),
        format!("javascript:{p}"),
        format!("JaVaScRiPt:{p}"),
        format!("java\tscript:{p}"),
        format!("<a href=\"data:text/html,<script>{p}</script>\">x</a>"),
        format!("data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+"),
        format!("<object data=\"data:text/html,<script>{p}</script>\"></object>"),
        format!("<embed src=\"javascript:{p}\">"),
        format!("<svg onload={p}>"),
        format!("<svg><script>{p}</script></svg>"),
        format!("<svg><animate onbegin={p} attributeName=x dur=1s>"),
        format!("<svg><a xlink:href=\"javascript:{p}\"><text>x</text></a></svg>"),
        format!("<math><mtext><table><mglyph><style><img src=x onerror={p}>"),
        "<style>*{display:none}</style>".into(),
        "<style>@import 'https://evil.example/x.css';</style>".into(),
        "<div style=\"background:url(javascript:alert(1))\">".into(),
        "<span style=\"position:fixed;inset:0;background:red\">x</span>".into(),
        "x</style><style>body{background:url(https://evil.example/)}</style>".into(),
        "expression(alert(1))".into(),
        "<link rel=stylesheet href=https://evil.example/x.css>".into(),
        "<meta http-equiv=refresh content=\"0;url=https://evil.example\">".into(),
        "<base href=\"https://evil.example/\">".into(),
        "<form action=https://evil.example><button>go</button></form>".into(),
        "<img src=https://evil.example/track.png>".into(),
        "{name}{amount}{reward}{{name}}".into(),
        "{{constructor.constructor('window.__pwned=1')()}}".into(),
        "${window.__pwned=1}".into(),
        "<%= window.__pwned=1 %>".into(),
        "{{#each this}}{{/each}}".into(),
        "{name".into(),
        "}{".into(),
        "\u{202e}evil\u{202c}name".into(),
        "\u{2066}\u{2067}\u{2068}isolate\u{2069}".into(),
        "abc\u{202d}\u{202a}\u{202b}def".into(),
        "\u{200f}\u{200e}\u{061c}marks".into(),
        "zero\u{200b}width\u{feff}\u{2060}text".into(),
        "ctrl\u{0}\u{7}\u{1b}[31m\u{7f}\u{85}\u{9f}chars".into(),
        "line\nbreak\r\u{2028}\u{2029}tab\t".into(),
        "&lt;script&gt;&amp;&#x3C;img&#62;".into(),
        "\u{fe64}script\u{fe65}alert(1)\u{fe64}/script\u{fe65}".into(),
        "\u{ff1c}img src=x onerror=alert(1)\u{ff1e}".into(),
        "Z\u{351}\u{34b}\u{34c}\u{35b}a\u{35d}\u{350}l\u{346}g\u{34b}o".into(),
        "👩‍👩‍👧‍👦 family \u{200d}".into(),
        "../../../etc/passwd".into(),
        "\" onerror=\"window.__pwned=1".into(),
        "' onload='window.__pwned=1".into(),
        "Kappa\" onerror=\"window.__pwned=1\" x=\"".into(),
        String::new(),
        "   ".into(),
    ];
    list.push(format!("<script>{p}</script>").repeat(600));
    list.push("W".repeat(10_240));
    list.push("é".repeat(10_240));
    list.push(format!("{}\u{202e}", "\u{202e}".repeat(5_000)));
    list
}

/// Emote positions for a message `Kappa {payload}`: one valid, the rest forged.
fn emotes(payload: &str) -> Vec<EmotePosition> {
    let at = |begin, end, id: &str| EmotePosition {
        begin,
        end,
        id: id.into(),
    };
    let tail = 6 + payload.chars().count();
    vec![
        at(0, 4, "25"),
        at(6, tail.saturating_sub(1), payload),
        at(6, 9, "25\" onerror=\"window.__pwned=1"),
        at(6, 9, "../../evil"),
        at(6, 9, "a/b"),
        at(6, 9, ".."),
        at(6, 9, "javascript:alert(1)"),
        at(4, 2, "25"),
        at(0, 4, "354"),
        at(tail + 5, tail + 9, "25"),
        at(usize::MAX - 1, usize::MAX, "25"),
        at(9_999_999, 10_000_000, "25"),
    ]
}

const TAGS: [&str; 3] = ["DIV", "SPAN", "IMG"];
const ATTRIBUTES: [&str; 9] = [
    "class",
    "data-testid",
    "data-kind",
    "data-shape",
    "data-state",
    "data-variation",
    "src",
    "alt",
    "data-color",
];
const IMAGE_HOSTS: [&str; 1] = ["https://static-cdn.jtvnw.net/"];

fn pwned() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("__pwned"))
        .map(|v| !v.is_undefined())
        .unwrap_or(true)
}

/// Every element and attribute under `root` is of the expected set; returns the `<img>` count.
fn check_tree(root: &web_sys::HtmlElement, what: &str) -> u32 {
    let all = root.query_selector_all("*").unwrap();
    let mut images = 0;
    for i in 0..all.length() {
        let element: web_sys::Element = all.item(i).unwrap().unchecked_into();
        let tag = element.tag_name();
        assert!(TAGS.contains(&tag.as_str()), "{what}: unexpected <{tag}>");
        for name in element.get_attribute_names().iter() {
            let name = name.as_string().unwrap();
            assert!(
                ATTRIBUTES.contains(&name.as_str()),
                "{what}: unexpected attribute {name} on <{tag}>"
            );
            let value = element.get_attribute(&name).unwrap_or_default();
            if name == "data-color" {
                let colour = value.strip_prefix('#').unwrap_or("");
                let ok = element.class_name() == "tau-alert__cheer"
                    && colour.len() == 6
                    && colour.bytes().all(|b| b.is_ascii_hexdigit());
                assert!(ok, "{what}: unexpected data-color {value:?}");
            }
        }
        if tag == "IMG" {
            images += 1;
            let src = element.get_attribute("src").unwrap_or_default();
            let on_cdn = IMAGE_HOSTS.iter().any(|h| src.starts_with(h));
            let clean = !src.contains("..") && !src.contains('"') && !src.contains(' ');
            assert!(on_cdn && clean, "{what}: image from {src:?}");
        }
    }
    images
}

/// Mounts an alert box with `config`, pushes `input`, checks the tree; returns the box's text
/// and its `<img>` count.
async fn show(config: EngineConfig, input: AlertInput, what: &str) -> (String, u32) {
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        alerts.push(input);
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    let alerts = root.query_selector_all("[data-testid=alert]").unwrap().length();
    assert_eq!(alerts, 1, "{what}: the alert shows");
    let images = check_tree(&root, what);
    let text = root.text_content().unwrap_or_default();
    drop(handle);
    root.remove();
    (text, images)
}

#[wasm_bindgen_test]
async fn injection_corpus_renders_as_text_and_twitch_images_only() {
    let corpus = payloads();
    assert!(corpus.len() >= 60, "{} payloads", corpus.len());
    for (n, payload) in corpus.iter().enumerate() {
        let mut config = EngineConfig::default();
        // A payload that is itself template syntax with an unknown variable is a config error
        // (refused, never rendered); the others become the headline's literal text.
        config.classes.resub.headline = Template::parse(&format!("{payload} {{name}} for {{months}}")).ok();
        let resub = AlertInput {
            user: Some(payload.clone()),
            months: 3,
            message: Some(format!("Kappa {payload}")),
            emotes: emotes(payload),
            ..AlertInput::new(AlertClass::Resub)
        };
        let what = format!("payload {n} in a resub");
        let (text, images) = show(config, resub, &what).await;
        assert!(images >= 1, "{what}: the valid emote is an image");
        let name = clean_name(payload, NAME_MAX);
        assert!(text.contains(&name), "{what}: the name shows as text");

        let redemption = AlertInput {
            user: Some(payload.clone()),
            amount: 50,
            message: Some(payload.clone()),
            emotes: emotes(payload),
            redemption: Some(RedemptionInfo {
                id: payload.clone(),
                title: payload.clone(),
                ..RedemptionInfo::default()
            }),
            ..AlertInput::new(AlertClass::Redemption)
        };
        show(
            EngineConfig::default(),
            redemption,
            &format!("payload {n} in a redemption"),
        )
        .await;

        let cheer = AlertInput {
            user: Some(payload.clone()),
            amount: 100,
            message: Some(format!("Cheer100 {payload} cheer5 Cheer0{payload}")),
            ..AlertInput::new(AlertClass::Cheer)
        };
        let what = format!("payload {n} in a cheer");
        let (text, _) = show(EngineConfig::default(), cheer, &what).await;
        assert!(text.contains("cheered 100 bits"), "{what}: {text}");
    }
    // Images that failed to load fire their `onerror` asynchronously: give them time.
    sleep(300).await;
    assert!(!pwned(), "a payload ran as script");
}

#[wasm_bindgen_test]
async fn a_cheer_shows_its_cheermote_before_the_message_not_the_cheer_word() {
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions::default());
        alerts.push(AlertInput {
            user: Some("ana".into()),
            amount: 1000,
            message: Some("Cheer1000 great play".into()),
            ..AlertInput::new(AlertClass::Cheer)
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    let cheer = root
        .query_selector("[data-testid=alert-message] [data-testid=alert-cheermote]")
        .unwrap()
        .expect("a cheermote in the message");
    assert_eq!(cheer.get_attribute("data-color").as_deref(), Some("#1db2a5"));
    assert_eq!(cheer.text_content().as_deref(), Some("Cheer1000"));
    let message = root.query_selector("[data-testid=alert-message]").unwrap().unwrap();
    assert_eq!(message.text_content().as_deref(), Some("Cheer1000 great play"));
    assert_eq!(message.first_element_child(), Some(cheer));
    drop(handle);
}
