//! A Leptos page of its own with two tau-overlay widgets on one shared TAU link:
//! open it as `index.html#tau=localhost:8000&token=…` (or `#demo`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use tau_overlay::web::browser::page;
    use tau_overlay::web::components::event_list::{use_event_list, EventList, UseEventListOptions};
    use tau_overlay::web::components::feed::{use_tau, UseTauOptions};
    use tau_overlay::web::components::labels::{use_labels, Labels, UseLabelsOptions};

    #[component]
    fn App() -> impl IntoView {
        // Reads the fragment and scrubs the token from the address bar.
        let config = page::take_config().config;
        let broadcaster = config.broadcaster.clone().unwrap_or_default();
        // One link for the page: both widgets subscribe to it.
        let feed = use_tau(UseTauOptions::new(config));
        let log = use_event_list(UseEventListOptions {
            feed,
            max: 8,
            broadcaster: broadcaster.clone(),
        });
        let labels = use_labels(UseLabelsOptions { feed, broadcaster });
        view! {
            <h1>"My stream dashboard"</h1>
            <section><h2>"Latest"</h2><Labels labels=labels /></section>
            <section><h2>"Events"</h2><EventList log=log /></section>
        }
    }

    leptos::mount::mount_to_body(App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a browser app: build it for wasm32 (e.g. with trunk)");
}
