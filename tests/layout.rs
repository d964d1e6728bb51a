//! The folders say what is pure: no module outside `src/web/` (the browser shell) and
//! `src/main.rs` (the overlay binary) may use a browser crate. A core module that did could not
//! be tested natively with a virtual clock, and would tie the library to one target.

use std::path::{Path, PathBuf};

/// Crates that touch the browser (or exist only to talk to it).
const BROWSER_CRATES: [&str; 7] = [
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "serde_wasm_bindgen",
    "gloo_net",
    "gloo_timers",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The browser crates a file names in code (comments and doc comments are not code).
fn browser_uses(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let names_a_browser_crate = BROWSER_CRATES.iter().chain(["leptos"].iter()).any(|krate| {
            code.match_indices(krate).any(|(at, _)| {
                let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !ident(code[..at].chars().next_back()) && !ident(code[at + krate.len()..].chars().next())
            })
        });
        if names_a_browser_crate {
            found.push(format!("line {}: {}", n + 1, line.trim()));
        }
    }
    found
}

#[test]
fn no_core_module_imports_a_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let shell = [root.join("src/web"), root.join("src/main.rs")];
    let mut violations = Vec::new();
    let mut core_files = 0;
    for file in files.iter().filter(|f| !shell.iter().any(|s| f.starts_with(s))) {
        core_files += 1;
        for hit in browser_uses(&std::fs::read_to_string(file).unwrap()) {
            violations.push(format!("{}: {hit}", file.strip_prefix(root).unwrap().display()));
        }
    }
    assert!(core_files > 40, "the walk found only {core_files} core files");
    assert!(
        violations.is_empty(),
        "core modules using browser crates:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_check_sees_a_browser_import_in_code_but_not_in_comments() {
    assert_eq!(browser_uses("use web_sys::Window;").len(), 1);
    assert_eq!(browser_uses("let x = js_sys::Date::now();").len(), 1);
    assert_eq!(browser_uses("#[wasm_bindgen::prelude::wasm_bindgen]").len(), 1);
    assert_eq!(browser_uses("use leptos::prelude::*;").len(), 1);
    assert!(browser_uses("//! the browser passes js_sys::JsString::normalize").is_empty());
    assert!(browser_uses("let my_web_sys_like = 1;").is_empty());
}
