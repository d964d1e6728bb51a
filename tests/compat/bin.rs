//! `cargo run --example compat -- PATH...`: checks every `.wasm`, `.css` and `.html` under the
//! paths for features OBS's Chromium 103 lacks (see `mod.rs`), prints what each file uses and
//! every violation, and exits 1 on any. Native only: on wasm32 this is empty.

#[cfg(not(target_arch = "wasm32"))]
#[path = "mod.rs"]
mod compat;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: compat PATH...");
        return std::process::ExitCode::from(2);
    }
    let mut checked = 0;
    let mut bad = 0;
    let files = match compat::files(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("compat: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    for path in files {
        let report = match compat::check_file(&path) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("compat: {}: {e}", path.display());
                return std::process::ExitCode::from(2);
            }
        };
        checked += 1;
        for note in &report.notes {
            println!("compat: {}: {note}", path.display());
        }
        for v in &report.violations {
            bad += 1;
            println!("compat: {}: NOT IN CHROMIUM 103: {v}", path.display());
        }
    }
    println!("compat: {checked} wasm/css/html files checked, {bad} violations");
    if bad > 0 || checked == 0 {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
