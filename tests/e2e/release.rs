//! What a streamer downloads: the single-file build (`.ci/single-file`, opened from `file://`
//! as an OBS "Local file" source does), content-hashed asset names against OBS's persistent
//! cache, and the build id on the theme URL and in the diagnostics panel.

use super::browser::Browser;
use super::fake_tau::FakeTauOptions;
use super::overlay::{dist_dir, open_overlay};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh temporary folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tau-overlay-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(command: &mut Command) -> String {
    let out = command.output().expect("run the command");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        out.status.success(),
        "{command:?} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Builds the single file from the finished `dist/` into `dir`.
fn single_file(dir: &Path) -> PathBuf {
    let out = dir.join("tau-overlay.html");
    let script = root().join(".ci/single-file");
    run(Command::new("bash").arg(script).arg(dist_dir()).arg(&out));
    out
}

/// Opens `file` with `fragment` in a fresh page load and waits for a shown demo alert.
async fn open_file(browser: &Browser, file: &Path, fragment: &str) {
    // A new fragment on the same file is only a hash change: leave the page first.
    browser.client.goto("about:blank").await.unwrap();
    let url = format!("file://{}{fragment}", file.display());
    browser.client.goto(&url).await.expect("the file opens");
    browser
        .wait_for(
            "[data-testid=alert][data-state=shown]",
            Duration::from_secs(20),
            "a demo alert from the single file",
            |t| !t.is_empty(),
        )
        .await;
}

/// The shown alert's look, what theme element is on, and every resource the page fetched.
const LOOK: &str = r#"
    const alert = document.querySelector('[data-testid=alert][data-state=shown]');
    const theme = document.getElementById('tau-theme');
    return {
        font: getComputedStyle(alert).fontFamily,
        theme: theme ? [theme.tagName, theme.dataset.tauTheme, theme.getAttribute('media'), theme.sheet.cssRules.length] : null,
        fetched: performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:')),
        referrer: document.querySelector('meta[name=referrer]').content,
    };
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_file_from_a_file_url_shows_demo_alerts_and_its_built_in_themes_without_fetching() {
    let scratch = Scratch::new("single-file");
    let file = single_file(&scratch.0);
    let size = std::fs::metadata(&file).unwrap().len();
    // Copied alone: it must not need anything beside it.
    let alone = scratch.0.join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    let file = {
        let moved = alone.join("tau-overlay.html");
        std::fs::rename(&file, &moved).unwrap();
        moved
    };
    println!("single file: {size} bytes");
    let browser = Browser::start().await;
    open_file(&browser, &file, "#demo").await;
    let plain = browser.client.execute(LOOK, vec![]).await.unwrap();
    assert_eq!(plain["theme"], Value::Null, "no theme without theme=: {plain}");
    assert_eq!(
        plain["fetched"],
        serde_json::json!([]),
        "the single file fetched files: {plain}"
    );
    assert_eq!(plain["referrer"], "no-referrer", "{plain}");
    for theme in ["neon", "lower-third"] {
        open_file(&browser, &file, &format!("#demo&theme={theme}")).await;
        let look = browser.client.execute(LOOK, vec![]).await.unwrap();
        let on = look["theme"].as_array().map(|t| t[..3].to_vec()).unwrap_or_default();
        assert_eq!(on, [Value::from("STYLE"), theme.into(), Value::Null], "{look}");
        assert!(look["theme"][3].as_u64().unwrap() > 3, "{theme} has no rules: {look}");
        assert_ne!(look["font"], plain["font"], "{theme} did not restyle the alert: {look}");
        assert_eq!(look["fetched"], serde_json::json!([]), "{theme}: fetched files: {look}");
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn theme_url_carries_the_build_id_the_diagnostics_panel_shows() {
    // A stale theme from OBS's persistent cache: the copied theme folder keeps plain file names,
    // so the URL must change with the build.
    let (_tau, browser) = open_overlay(FakeTauOptions::default(), |_| "#demo&theme=neon".into()).await;
    let build = browser
        .wait_for("[data-testid=build-id]", Duration::from_secs(20), "the build id", |t| {
            t.len() == 1 && !t[0].is_empty()
        })
        .await
        .remove(0);
    assert!(
        build.chars().all(|c| c.is_ascii_alphanumeric() || "-._+".contains(c)),
        "{build}"
    );
    let script = "const l = document.getElementById('tau-theme'); return [l.getAttribute('href'), l.sheet ? l.sheet.cssRules.length : 0]";
    let mut theme = Value::Null;
    for _ in 0..100 {
        theme = browser.client.execute(script, vec![]).await.unwrap();
        if theme[1].as_u64() > Some(3) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(theme[0], format!("themes/neon.css?v={build}"), "{theme}");
    assert!(theme[1].as_u64() > Some(3), "the theme did not load: {theme}");
    browser.close().await;
}

/// `(attribute, value)` pairs of every `<link>` in a minified Trunk page.
fn links(html: &str) -> Vec<Vec<(String, String)>> {
    html.split("<link ")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            tag.split_whitespace()
                .map(|a| {
                    let (k, v) = a.split_once('=').unwrap_or((a, ""));
                    (k.to_string(), v.trim_matches('"').to_string())
                })
                .collect()
        })
        .collect()
}

/// The subresource-integrity value of `file`, as Trunk and `.ci/minify-js` write it.
fn sri(file: &Path) -> String {
    let digest = Command::new("sh")
        .args(["-c", "openssl dgst -sha384 -binary \"$1\" | base64 -w0", "sh"])
        .arg(file)
        .output()
        .expect("openssl and base64");
    format!("sha384-{}", String::from_utf8(digest.stdout).unwrap())
}

#[test]
fn every_asset_of_the_release_page_has_a_content_hashed_name_and_a_matching_integrity() {
    let dist = dist_dir();
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let links = links(&html);
    assert!(links.len() >= 8, "css, glue and wasm links: {html}");
    for link in &links {
        let get = |k: &str| {
            link.iter()
                .find(|(a, _)| a == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default()
        };
        let href = get("href");
        let name = href.trim_start_matches("./").trim_start_matches('/');
        let (stem, _ext) = name.rsplit_once('.').unwrap();
        let hash = stem.trim_end_matches("_bg").rsplit('-').next().unwrap();
        assert!(
            hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{href} is not content-hashed"
        );
        assert_eq!(get("integrity"), sri(&dist.join(name)), "{href}: integrity is stale");
    }
}

#[test]
fn trunk_renames_a_changed_stylesheet_but_not_the_copied_theme_folder() {
    // What the overlay relies on against stale caches: Trunk names each stylesheet by its content;
    // the theme folder is copied as is (hence `?v=<build id>` on theme URLs, see theme.rs).
    let scratch = Scratch::new("trunk-hash");
    let dir = &scratch.0;
    let copy = |from: &str, to: &str| {
        std::fs::create_dir_all(dir.join(to).parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), dir.join(to)).unwrap();
    };
    copy("www/themes/neon.css", "themes/neon.css");
    copy("src/web/components/status/status.css", "status.css");
    std::fs::write(
        dir.join("Trunk.toml"),
        "[build]\ntarget = \"index.html\"\noffline = true\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("index.html"),
        r#"<!DOCTYPE html><html><head><link data-trunk rel="css" href="status.css" /><link data-trunk rel="copy-dir" href="themes" /></head><body></body></html>"#,
    )
    .unwrap();
    let build = |dist: &str| {
        run(Command::new("trunk")
            .args(["build", "--release", "--dist", dist])
            .current_dir(dir));
        let mut names: Vec<String> = std::fs::read_dir(dir.join(dist))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".css"))
            .collect();
        names.push(
            std::fs::read_dir(dir.join(dist).join("themes"))
                .unwrap()
                .count()
                .to_string(),
        );
        assert!(dir.join(dist).join("themes/neon.css").exists());
        names
    };
    let first = build("one");
    assert_eq!(build("again"), first, "the same sources got other names");
    let mut css = std::fs::read_to_string(dir.join("status.css")).unwrap();
    css.push_str("\n.tau-status { outline: 1px solid red; }\n");
    std::fs::write(dir.join("status.css"), css).unwrap();
    let second = build("two");
    assert_ne!(second[0], first[0], "a changed stylesheet kept its name: {first:?}");
    assert!(
        first[0].starts_with("status-") && second[0].starts_with("status-"),
        "{first:?} {second:?}"
    );
}
