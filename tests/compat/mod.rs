//! The OBS browser compatibility check (issue 12 point 5): the built `.wasm` may use only
//! WebAssembly proposals Chromium 103 has, and the CSS nothing newer. `.ci/compat` runs it on
//! `dist/` (and the theme and component sources) with `cargo run --example compat`; the JS
//! syntax check is `.ci/compat.mjs` (acorn). `tests/compat.rs` proves each check catches what
//! it should.

pub mod css;
mod css_tokens;
pub mod wasm;

use std::path::{Path, PathBuf};

/// The text of every `<style>` element in `html` (Trunk inlines none today, but a page may).
pub fn style_elements(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<style").map(|i| i + from) {
        let Some(body) = lower[open..].find('>').map(|i| i + open + 1) else {
            break;
        };
        let end = lower[body..].find("</style").map_or(html.len(), |i| i + body);
        out.push(html[body..end].to_string());
        from = end;
    }
    out
}

/// Every file under `paths` (files as given, folders recursively), sorted.
pub fn files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        if path.is_dir() {
            for entry in std::fs::read_dir(path)? {
                walk(&entry?.path(), out)?;
            }
        } else {
            out.push(path.to_path_buf());
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out)?;
    }
    out.sort();
    Ok(out)
}

/// The problems of one file; `notes` are informational lines (the proposals a module uses).
#[derive(Default)]
pub struct FileReport {
    /// What the file uses, for the log.
    pub notes: Vec<String>,
    /// What Chromium 103 lacks, one line each.
    pub violations: Vec<String>,
}

/// Checks one `.wasm`, `.css` or `.html` file; other files are not looked at (`None`).
pub fn check_file(path: &Path) -> std::io::Result<Option<FileReport>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut report = FileReport::default();
    match ext {
        "wasm" => match wasm::check(&std::fs::read(path)?) {
            Err(e) => report.violations.push(e),
            Ok(r) => {
                let used: Vec<String> = r
                    .used
                    .iter()
                    .map(|u| match u.proposal.chrome {
                        Some(v) => format!("{} (Chrome {v})", u.proposal.name),
                        None => format!("{} (no Chrome)", u.proposal.name),
                    })
                    .collect();
                report.notes.push(format!(
                    "uses {}",
                    if used.is_empty() {
                        "the MVP only".into()
                    } else {
                        used.join(", ")
                    }
                ));
                if !r.passes() {
                    for u in r.missing_in_chromium() {
                        report.violations.push(format!(
                            "{} is missing in Chromium {}: {}",
                            u.proposal.name,
                            wasm::CHROMIUM,
                            u.evidence
                        ));
                    }
                    if let Some(e) = r.chromium_error.as_ref().filter(|_| r.missing_in_chromium().is_empty()) {
                        report.violations.push(format!(
                            "does not validate with Chromium {}'s features: {e}",
                            wasm::CHROMIUM
                        ));
                    }
                }
            }
        },
        "css" => css_findings(&std::fs::read_to_string(path)?, &mut report),
        "html" => {
            for style in style_elements(&std::fs::read_to_string(path)?) {
                css_findings(&style, &mut report);
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(report))
}

fn css_findings(css: &str, report: &mut FileReport) {
    for f in css::check(css) {
        let needs = f
            .chrome
            .map_or("no Chrome has it".to_string(), |v| format!("needs Chrome {v}"));
        report.violations.push(format!("line {}: {} ({needs})", f.line, f.what));
    }
}
