//! The fuzz targets' case count, shared by `frame_fuzz`, `fuzz_backfill` and `fuzz_queue`.

/// The case count: `FUZZ_CASES` from the environment, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
