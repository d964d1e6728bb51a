#![cfg(not(target_arch = "wasm32"))]
//! The CSS and JS halves of the OBS browser compatibility check (`.ci/compat`): each class of
//! CSS and JS Chromium 103 lacks is caught (snippets; JS through `.ci/compat.mjs` and acorn),
//! what 103 has passes, and the shipped stylesheets pass, so a theme edit fails here before
//! any bundle is built. The wasm half is `tests/compat.rs`.

#[path = "compat/mod.rs"]
mod compat;

use compat::css;
use std::path::{Path, PathBuf};

/// Each class of CSS Chromium 103 lacks: (what the case is, CSS, expected finding, Chrome).
const CSS_VIOLATIONS: &[(&str, &str, &str, u32)] = &[
    (
        "nested rule",
        ".a { color: red; .b { color: blue } }",
        "CSS nesting",
        112,
    ),
    ("nested &", ".a { &:hover { color: red } }", "CSS nesting", 112),
    (
        "nested @media",
        ".a { @media (min-width: 1px) { color: red } }",
        "CSS nesting",
        112,
    ),
    ("top-level &", "& .a { color: red }", "CSS nesting", 112),
    (":has", ".tau-alert:has(img) { opacity: 1 }", ":has()", 105),
    (":has in a list", "a, b > c:not(.x):has(> d) { top: 0 }", ":has()", 105),
    (
        "@container",
        "@container (min-width: 400px) { .a { top: 0 } }",
        "@container",
        105,
    ),
    (
        "container-type",
        ".a { container-type: inline-size }",
        "property `container-type`",
        105,
    ),
    ("cq units", ".a { font-size: 5cqi }", "unit `cqi`", 105),
    (
        "color-mix",
        ".a { color: color-mix(in srgb, red 50%, blue) }",
        "color-mix()",
        111,
    ),
    (
        "color-mix in a custom property",
        ":root { --tau-x: color-mix(in srgb, red, blue) }",
        "color-mix()",
        111,
    ),
    ("oklch", ".a { color: oklch(70% 0.1 200) }", "oklch()", 111),
    (
        "relative colour",
        ".a { color: rgb(from red r g b / 50%) }",
        "relative colour",
        119,
    ),
    ("dvh", ".a { height: 100dvh }", "unit `dvh`", 108),
    ("svh", ".a { height: 50.5svh }", "unit `svh`", 108),
    ("text-wrap", "h1 { text-wrap: balance }", "property `text-wrap`", 114),
    (
        "individual transform",
        "@keyframes k { to { translate: 10px 0 } }",
        "property `translate`",
        104,
    ),
    ("scale property", ".a { scale: 1.1 }", "property `scale`", 104),
    (
        "media range",
        "@media (width >= 600px) { .a { top: 0 } }",
        "media query range syntax",
        104,
    ),
    (
        "nth-child of",
        "li:nth-child(2 of .x) { top: 0 }",
        ":nth-child(… of S)",
        111,
    ),
    ("@scope", "@scope (.card) { img { top: 0 } }", "@scope", 118),
    (
        "@starting-style",
        "@starting-style { .a { opacity: 0 } }",
        "@starting-style",
        117,
    ),
    (
        "linear easing",
        ".a { animation-timing-function: linear(0, 0.5, 1) }",
        "linear()",
        113,
    ),
    (
        "unprefixed mask",
        ".a { mask-image: url(m.svg) }",
        "property `mask-image`",
        120,
    ),
    (
        "multi-keyword display",
        ".a { display: inline flex }",
        "multi-keyword `display",
        115,
    ),
    (
        "unprefixed background-clip text",
        ".a { background-clip: text }",
        "background-clip: text",
        120,
    ),
    (
        "light-dark",
        ".a { color: light-dark(#000, #fff) }",
        "light-dark()",
        123,
    ),
    ("round", ".a { width: round(up, 10.5px, 1px) }", "round()", 125),
    ("lh unit", ".a { margin: 1lh }", "unit `lh`", 109),
    (
        "case-insensitive",
        ".A:HAS(B) { COLOR: COLOR-MIX(in srgb, red, blue) }",
        ":has()",
        105,
    ),
];

#[test]
fn each_class_of_css_chromium_103_lacks_is_caught() {
    for &(case, source, what, chrome) in CSS_VIOLATIONS {
        let found = css::check(source);
        assert!(
            found.iter().any(|f| f.what.contains(what) && f.chrome == Some(chrome)),
            "{case}: expected {what} (Chrome {chrome}) in {found:?}"
        );
    }
}

#[test]
fn css_findings_name_their_line() {
    let found = css::check(".a {\n  top: 0;\n}\n\n.b:has(c) {}\n");
    assert_eq!(
        found,
        [css::Finding {
            line: 5,
            what: ":has()".into(),
            chrome: Some(105)
        }]
    );
}

#[test]
fn css_chromium_103_has_passes() {
    let ok = r#"
        @charset "utf-8";
        @import url("other.css") layer(base);
        @layer base, theme;
        @property --tau-x { syntax: "<length>"; inherits: false; initial-value: 0px; }
        /* .commented { .nested { } } :has(x) color-mix( 100dvh */
        :root { --tau-slide: 40px; --tau-font: "Has(", sans-serif; --tau-y: calc(1px + 2px); }
        :is(.a, .b) > :where(.c) { aspect-ratio: 16 / 9; inset: 0; gap: clamp(1px, 2vw, 3px); }
        .tau-alert[data-state="enter"]::before { content: ":has(x) { }"; display: flex; }
        .a:not(.b):nth-child(2n + 1):focus-visible { transform: translateX(var(--tau-slide)) scale(1.1); }
        .b { -webkit-background-clip: text; -webkit-mask-image: url(data:image/svg+xml;utf8,<svg>{}</svg>); }
        .c { color: rgb(0 0 0 / 50%); background: hwb(10 10% 10%); width: min(100vw, 10rem) !important; }
        @media (min-width: 600px) and (prefers-reduced-motion: reduce) { .a { animation-duration: 0s } }
        @supports selector(:has(a)) { .d:has(img) { color: color-mix(in srgb, red, blue) } }
        @keyframes tau-pop { 0% { opacity: 0 } 60% { opacity: 1 } to { transform: none } }
        @font-face { font-family: X; src: url("x.woff2") format("woff2"); font-display: swap; }
        .e { display: -webkit-box; height: 100vh; font-size: 1.5em; line-height: 1.2; }
        .f { display: var(--tau-hype-top-display, block); }
    "#;
    assert_eq!(css::check(ok), []);
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_themes_and_component_stylesheets_are_chromium_103_css() {
    let files = compat::files(&[repo().join("www"), repo().join("src"), repo().join("index.html")]).unwrap();
    let css: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    assert!(css.len() >= 8, "stylesheets not found: {css:?}");
    for path in files {
        if let Some(report) = compat::check_file(&path).unwrap() {
            assert!(
                report.violations.is_empty(),
                "{}: {:?}",
                path.display(),
                report.violations
            );
        }
    }
}

#[test]
fn style_elements_in_html_are_checked() {
    let dir = scratch("html");
    let path = dir.join("page.html");
    std::fs::write(
        &path,
        "<html><STYLE media=all>.a { .b { top: 0 } }</style><p>:has(</p></html>",
    )
    .unwrap();
    let report = compat::check_file(&path).unwrap().unwrap();
    assert_eq!(report.violations.len(), 1, "{:?}", report.violations);
    assert!(report.violations[0].contains("CSS nesting"));
}

/// Runs `.ci/compat.mjs` on one file holding `source`; (exit code, stdout).
fn js_check(name: &str, source: &str) -> (i32, String) {
    let dir = scratch(&format!(
        "js-{}",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    ));
    let file = dir.join(if name.ends_with(".html") {
        "page.html"
    } else {
        "glue.js"
    });
    std::fs::write(&file, source).unwrap();
    let out = std::process::Command::new("node")
        .arg(repo().join(".ci/compat.mjs"))
        .arg(&file)
        .output()
        .expect("node runs (installed by .ci/setup)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(
        code,
        2,
        "compat.mjs could not run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, stdout)
}

#[test]
fn js_newer_than_chromium_103_is_caught() {
    let cases = [
        (
            "regexp v flag",
            "export const r = /[\\p{L}--[a-z]]/v;",
            "syntax newer than ES2023",
        ),
        (
            "import attributes",
            "import c from './c.json' with { type: 'json' };",
            "syntax newer than ES2023",
        ),
        (
            "using declaration",
            "{ using res = open(); }",
            "syntax newer than ES2023",
        ),
        ("regexp modifiers", "const r = /(?i:a)b/;", "syntax newer than ES2023"),
        ("decorators", "@sealed class A {}", "not valid JavaScript"),
        (
            "array change by copy",
            "export const s = [3, 1].toSorted();",
            ".toSorted (needs Chrome 110)",
        ),
        ("Promise.try", "Promise.try(() => 1);", "Promise.try (needs Chrome 128)"),
        (
            "Object.groupBy",
            "Object.groupBy([], (x) => x);",
            ".groupBy (needs Chrome 117)",
        ),
        (
            "iterator helpers",
            "Iterator.from([1]).map((x) => x);",
            "Iterator (needs Chrome 122)",
        ),
        (
            "inline module.html",
            "<script type=module>\nawait x?.y;\n{ using r = f(); }\n</script>",
            "syntax newer",
        ),
    ];
    for (name, source, expected) in cases {
        let (code, out) = js_check(name, source);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(expected), "{name}: expected {expected:?} in {out}");
    }
}

#[test]
fn js_chromium_103_has_passes() {
    let source = r#"
        export class A { static #n = 0; #x = 1; static { A.#n++; } static has(o) { return #x in o; } }
        const m = "abc".match(/(?<first>a)/d); const last = [1, 2].at(-1) ?? [1].findLast((x) => x);
        let o = null; o ||= {}; o.a ??= 1_000; const h = Object.hasOwn(o, "a");
        await Promise.allSettled([import("./x.js")]);
        if (Symbol.dispose) A.prototype[Symbol.dispose] = () => {};
        new FinalizationRegistry(() => {}); structuredClone({}); const s = new Set(); s.add(1);
    "#;
    let (code, out) = js_check("ok", source);
    assert_eq!(code, 0, "{out}");
    let (code, out) = js_check(
        "ok.html",
        "<script type=module>await 1;</script><script src=/x.js></script>",
    );
    assert_eq!(code, 0, "{out}");
}

/// A fresh directory under the target dir for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tau-compat-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
