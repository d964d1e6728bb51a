//! The alert's configured image or video (`<img>` or `<video>` by extension) in its image slot.
//! A video's length extends the alert (`Control::MediaLength`); its end can end it early. A
//! file that fails to load is reported and hidden: the alert shows without it.

use super::AlertEngineHandle;
use crate::engine::media::{Visual, VisualKind};
use core::time::Duration;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `<img>` or `<video>` of `visual` for the alert `key`.
pub(super) fn visual(alerts: AlertEngineHandle, key: u64, visual: Visual) -> AnyView {
    let media = alerts.media();
    let failed = RwSignal::new(false);
    let url = visual.url.clone();
    let carries_sound = visual.kind == VisualKind::Video && !visual.muted;
    let on_error = move |_| {
        failed.set(true);
        media.asset_failed(&url);
        // Speech waiting for a video's sound goes on without it.
        media.video_ended(alerts, key, carries_sound);
    };
    match visual.kind {
        VisualKind::Image => view! {
            <img class="tau-alert__image" data-testid="alert-image" src=visual.url alt=""
                data-failed=move || failed.get().then_some("") on:error=on_error />
        }
        .into_any(),
        VisualKind::Video => {
            let carries_sound = !visual.muted;
            view! {
                <video class="tau-alert__image tau-alert__video" data-testid="alert-video" src=visual.url
                    autoplay=true playsinline=true muted=visual.muted prop:muted=visual.muted
                    prop:volume=visual.gain.fraction()
                    data-failed=move || failed.get().then_some("")
                    on:error=on_error
                    on:loadedmetadata=move |ev| {
                        let Some(video) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok()) else { return };
                        let d = video.duration();
                        if d.is_finite() && d > 0.0 {
                            media.video_length(alerts, key, Duration::from_secs_f64(d));
                        }
                    }
                    on:ended=move |_| media.video_ended(alerts, key, carries_sound)
                ></video>
            }
            .into_any()
        }
    }
}
