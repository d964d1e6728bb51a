//! Static checks of the theme and alert CSS: nothing OBS's Chromium 103 lacks, only `transform`
//! and `opacity` in keyframes, no endless animations, and every `--tau-*` property the
//! components read is defined by the default theme (an undefined one silently breaks a rule).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every CSS file the themes and the alert box are made of.
fn css_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        "www/themes",
        "src/web/components",
        "src/web/components/alert_box",
        "src/web/components/goal",
        "src/web/components/hype_train",
        "src/web/components/poll",
        "src/web/components/prediction",
    ] {
        for entry in fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "css") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 5, "expected the themes and alert CSS, found {files:?}");
    files
}

fn theme_files() -> Vec<PathBuf> {
    css_files()
        .into_iter()
        .filter(|p| p.starts_with(root().join("www/themes")))
        .collect()
}

/// The text without `/* … */` comments.
fn strip_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start + 2..].find("*/").expect("unclosed comment") + start + 4;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn read(path: &Path) -> String {
    strip_comments(&fs::read_to_string(path).unwrap())
}

/// Top-level blocks as (prelude, body), with `@media`/`@supports` bodies flattened in.
fn blocks(css: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = css.trim();
    while let Some(open) = rest.find('{') {
        let prelude = rest[..open].trim().to_string();
        let mut depth = 0;
        let mut close = open;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        assert!(depth == 0, "unbalanced braces after {prelude}");
        let body = rest[open + 1..close].to_string();
        if prelude.starts_with("@media") || prelude.starts_with("@supports") {
            out.extend(blocks(&body));
        } else {
            out.push((prelude, body));
        }
        rest = rest[close + 1..].trim();
    }
    assert!(rest.is_empty(), "text outside any rule: {rest}");
    out
}

#[test]
fn theme_css_uses_nothing_chromium_103_lacks() {
    // Nesting, :has(), container queries, color-mix(), cascade layers, newer units and functions.
    let banned = [
        ":has(",
        "@container",
        "container-type",
        "container-name",
        "color-mix(",
        "@layer",
        "@scope",
        "@starting-style",
        "light-dark(",
        "text-wrap",
        "animation-composition",
        "animation-timeline",
        "dvh",
        "svh",
        "lvh",
        "dvw",
        "svw",
        "lvw",
        "&",
    ];
    for file in css_files() {
        let css = read(&file);
        for word in banned {
            assert!(
                !css.contains(word),
                "{} uses `{word}` (not in Chromium 103)",
                file.display()
            );
        }
        for (prelude, body) in blocks(&css) {
            if !prelude.starts_with("@keyframes") {
                assert!(!body.contains('{'), "{}: nested rule in `{prelude}`", file.display());
            }
        }
    }
}

#[test]
fn keyframes_animate_only_transform_and_opacity_and_nothing_loops() {
    let mut keyframes = 0;
    for file in css_files() {
        let css = read(&file);
        assert!(!css.contains("infinite"), "{}: endless animation", file.display());
        for (prelude, body) in blocks(&css) {
            if !prelude.starts_with("@keyframes") {
                continue;
            }
            keyframes += 1;
            for (step, decls) in blocks(&body) {
                for decl in decls.split(';').map(str::trim).filter(|d| !d.is_empty()) {
                    let property = decl.split(':').next().unwrap().trim();
                    assert!(
                        ["transform", "opacity", "animation-timing-function"].contains(&property),
                        "{} {prelude} {step}: animates `{property}`",
                        file.display()
                    );
                }
            }
        }
    }
    assert!(
        keyframes >= 15,
        "expected the animation library, found {keyframes} @keyframes"
    );
}

/// `--tau-*` names used in `var(…)` (without a fallback) and names defined, across `css`.
fn custom_properties(css: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut used, mut defined) = (BTreeSet::new(), BTreeSet::new());
    for (i, _) in css.match_indices("var(--") {
        let name: String = css[i + 4..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let after = &css[i + 4 + name.len()..];
        if !after.trim_start().starts_with(',') {
            used.insert(name);
        }
    }
    for (_, body) in blocks(css) {
        for decl in body.split(';') {
            let decl = decl.trim();
            if let Some((name, _)) = decl.split_once(':').filter(|(n, _)| n.starts_with("--")) {
                defined.insert(name.trim().to_string());
            }
        }
    }
    (used, defined)
}

#[test]
fn every_custom_property_the_alert_reads_is_defined_by_the_default_theme() {
    let (_, defaults) = custom_properties(&read(&root().join("www/themes/default.css")));
    for file in css_files() {
        let (used, defined) = custom_properties(&read(&file));
        for name in used {
            assert!(
                defaults.contains(&name) || defined.contains(&name),
                "{} reads {name}, which default.css does not define",
                file.display()
            );
        }
        for name in defined {
            assert!(
                name.starts_with("--tau-"),
                "{}: custom property {name} is not --tau-*",
                file.display()
            );
        }
    }
}

#[test]
fn every_theme_sets_the_layout_motion_and_accent_of_its_own() {
    let themes = theme_files();
    assert!(themes.len() >= 3, "at least three built-in themes: {themes:?}");
    let mut layouts = BTreeSet::new();
    for file in &themes {
        let css = read(file);
        let (_, defined) = custom_properties(&css);
        for name in [
            "--tau-layout-areas",
            "--tau-enter-animation",
            "--tau-font-family",
            "--tau-accent",
        ] {
            assert!(defined.contains(name), "{} does not set {name}", file.display());
        }
        let areas = css
            .split("--tau-layout-areas:")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .trim();
        let width = css
            .split("--tau-alert-width:")
            .nth(1)
            .map(|w| w.split(';').next().unwrap().trim());
        layouts.insert((areas.to_string(), width == Some("100%")));
    }
    assert_eq!(layouts.len(), 3, "the three themes show the three layouts: {layouts:?}");
}

#[test]
fn reduced_motion_sets_every_alert_animation_to_zero() {
    let css = read(&root().join("src/web/components/alert_box/alert_box.css"));
    let media = css
        .split("@media (prefers-reduced-motion: reduce)")
        .nth(1)
        .expect("a reduced-motion block");
    for selector in [
        ".tau-alert,",
        ".tau-alert[data-state=\"exiting\"]",
        ".tau-alert__letter",
    ] {
        assert!(
            media.split('{').nth(1).unwrap().contains(selector),
            "reduced motion misses {selector}"
        );
    }
    let body = media.split('{').nth(2).unwrap();
    assert!(
        body.contains("animation-duration: 0s") && body.contains("animation-delay: 0s"),
        "{body}"
    );
}
