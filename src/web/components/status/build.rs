//! The build id: which build of the overlay is running.

/// The build id, shown in the diagnostics panel and put on the theme URL
/// ([`crate::web::browser::theme::load`]) so a browser cache (OBS keeps one across restarts)
/// never serves one build's theme to another build.
///
/// Set at compile time through the `TAU_OVERLAY_BUILD_ID` environment variable (`.ci/release`
/// sets the git commit); the crate version when it is unset or empty.
pub const BUILD_ID: &str = match option_env!("TAU_OVERLAY_BUILD_ID") {
    Some(id) if !id.is_empty() => id,
    _ => env!("CARGO_PKG_VERSION"),
};
