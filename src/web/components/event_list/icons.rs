//! One inline SVG icon per event kind (no network images); colours come from CSS
//! (`currentColor`, `--tau-events-icon-*`).

use leptos::prelude::*;

/// The 24×24 path for a kind.
fn path(kind: &str) -> &'static str {
    match kind {
        // A heart.
        "follow" => "M12 21 3.5 12.6A5 5 0 0 1 12 5.8a5 5 0 0 1 8.5 6.8z",
        // A star.
        "sub" | "resub" => "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z",
        // A gift box.
        "gift-bomb" => "M3 9h18v4H3zM4.5 13h15v8h-15zM11 9h2v12h-2zM12 9C9 9 7 7.8 7 6.2 7 4 10 4 12 9c2-5 5-5 5-2.8C17 7.8 15 9 12 9z",
        // A gem (bits).
        "cheer" => "M12 2 4 9.5 12 22l8-12.5zM4 9.5h16",
        // A flag (raid).
        "raid" => "M5 2h2v20H5zM7 3h12l-3 5 3 5H7z",
        // A coin (channel points).
        "redemption" => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12z",
        // A clock (while offline).
        "offline-summary" => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1 5h2v5.6l4 2.3-1 1.7-5-2.9z",
        // A dot for everything else.
        _ => "M12 6a6 6 0 1 0 0 12 6 6 0 0 0 0-12z",
    }
}

/// The icon of `kind`, hidden from screen readers (the line's text says what happened).
pub(super) fn icon(kind: &'static str) -> impl IntoView {
    view! {
        <svg class="tau-events__icon" data-testid="event-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path(kind) />
        </svg>
    }
}
