//! [`Labels`]: the latest follower, subscriber, cheerer and raider and the session's top cheerer,
//! and [`use_labels`], which seeds their [`LatestLabels`] from TAU's stored events over REST on
//! load and updates them from the page's shared feed.

use crate::session::{Label, LabelKind, LatestLabels, SEED_PAGES, SEED_TYPES};
use crate::tau::backfill::Delivery;
use crate::web::components::feed::TauFeed;
use leptos::prelude::*;

/// Options for [`use_labels`].
pub struct UseLabelsOptions {
    /// The page's feed, from [`use_tau`](crate::web::components::feed::use_tau).
    pub feed: TauFeed,
    /// The streamer's Twitch user id (`broadcaster=`), or empty: with it, the streamer's own
    /// outgoing raids and other channels' events do not count.
    pub broadcaster: String,
}

/// What [`use_labels`] returns: the labels, for [`Labels`].
pub type UseLabelsReturn = Signal<LatestLabels>;

/// Keeps [`LatestLabels`]: seeded from TAU's stored events of each [`SEED_TYPES`] type (at most
/// [`SEED_PAGES`] pages each; with the token, on TAU's origin only, see
/// [`TauFeed::read_stored`]), updated by every live or backfilled event. Test and replay events never change a label.
pub fn use_labels(options: UseLabelsOptions) -> UseLabelsReturn {
    let UseLabelsOptions { feed, broadcaster } = options;
    let labels = RwSignal::new(LatestLabels::new(&broadcaster));
    feed.subscribe_batches(move |batch| {
        labels.try_maybe_update(|l| {
            let changed = batch.iter().fold(false, |changed, d| match d {
                Delivery::Alert(envelope) => l.apply(envelope) | changed,
                Delivery::Summary(_) => changed,
            });
            (changed, ())
        });
    });
    feed.read_stored(&SEED_TYPES, SEED_PAGES, move |rows| {
        labels.try_update(|l| l.seed_page(rows)).unwrap_or(false)
    });
    labels.into()
}

/// The labels, one line each (`data-kind` = [`LabelKind::name`]); a label with no event yet
/// shows `—`. Names are text nodes.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::session::LatestLabels;
/// use tau_overlay::web::components::labels::Labels;
/// let labels = RwSignal::new(LatestLabels::new(""));
/// leptos::mount::mount_to_body(move || view! { <Labels labels=labels.into() /> });
/// ```
#[component]
pub fn Labels(
    /// The labels, from [`use_labels`] (or any [`LatestLabels`]).
    labels: Signal<LatestLabels>,
) -> impl IntoView {
    let rows = LabelKind::ALL
        .into_iter()
        .map(|kind| {
            let value = move || labels.with(|l| l.get(kind));
            view! {
                <li class="tau-labels__item" data-testid="label" data-kind=kind.name()
                    data-state=move || if value().is_some() { "set" } else { "empty" }>
                    <span class="tau-labels__title">{title(kind)}</span>
                    <span class="tau-labels__name" data-testid="label-name">{move || value().map(|l| name(&l)).unwrap_or_else(|| "—".into())}</span>
                    <span class="tau-labels__amount" data-testid="label-amount">{move || value().and_then(|l| amount(kind, &l)).unwrap_or_default()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="tau-labels" data-testid="labels">{rows}</ul> }
}

fn title(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Follower => "Latest follower",
        LabelKind::Subscriber => "Latest subscriber",
        LabelKind::Cheerer => "Latest cheer",
        LabelKind::Raider => "Latest raid",
        LabelKind::TopCheerer => "Top cheerer",
    }
}

fn name(label: &Label) -> String {
    label.name.clone().unwrap_or_else(|| "Anonymous".into())
}

fn amount(kind: LabelKind, label: &Label) -> Option<String> {
    let n = label.amount;
    match kind {
        LabelKind::Cheerer | LabelKind::TopCheerer => Some(format!("{n} {}", if n == 1 { "bit" } else { "bits" })),
        LabelKind::Raider => Some(format!("{n} {}", if n == 1 { "viewer" } else { "viewers" })),
        LabelKind::Follower | LabelKind::Subscriber => None,
    }
}
