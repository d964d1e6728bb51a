//! The standalone OBS overlay: mounts [`tau_overlay::Overlay`] on the page body.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The page lives as long as the browser source: keeping the mount forever is intended.
    tau_overlay::mount_overlay().forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tau-overlay is a browser app: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
