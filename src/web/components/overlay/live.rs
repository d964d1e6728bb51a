//! The widgets that need nothing but the page's one feed — the event list, the latest labels and
//! the live widgets (goal, hype train, poll, prediction) — built in one place for the overlay
//! page and for [`crate::web::embed`].

use crate::settings::{OverlayConfig, Widget};
use crate::web::components::event_list::{use_event_list, EventList, UseEventListOptions};
use crate::web::components::feed::TauFeed;
use crate::web::components::goal::{use_goal, GoalBar, UseGoalOptions};
use crate::web::components::hype_train::{use_hype_train, HypeTrainMeter, UseHypeTrainOptions};
use crate::web::components::labels::{use_labels, Labels, UseLabelsOptions};
use crate::web::components::poll::{use_poll, PollPanel, UsePollOptions};
use crate::web::components::prediction::{use_prediction, PredictionPanel, UsePredictionOptions};
use leptos::prelude::*;

/// `widget` fed by `feed`, with `config`'s `broadcaster` (other channels' events left out) and
/// `events_max`; `None` for the alert box and the chat box, which need more than the feed.
pub(crate) fn feed_widget(widget: Widget, config: &OverlayConfig, feed: TauFeed) -> Option<AnyView> {
    let broadcaster = config.broadcaster.clone();
    let view = match widget {
        Widget::Alerts | Widget::Chat => return None,
        Widget::Events => {
            let log = use_event_list(UseEventListOptions {
                feed,
                max: config.events_max,
                broadcaster: broadcaster.unwrap_or_default(),
            });
            view! { <EventList log=log /> }.into_any()
        }
        Widget::Labels => {
            let broadcaster = broadcaster.unwrap_or_default();
            let labels = use_labels(UseLabelsOptions { feed, broadcaster });
            view! { <Labels labels=labels /> }.into_any()
        }
        Widget::Goal => {
            let goal = use_goal(UseGoalOptions { broadcaster });
            feed.subscribe_batches(move |batch| goal.apply_deliveries(batch));
            view! { <GoalBar state=goal.state /> }.into_any()
        }
        Widget::Hype => {
            let train = use_hype_train(UseHypeTrainOptions { broadcaster });
            feed.subscribe_batches(move |batch| train.apply_deliveries(batch));
            view! { <HypeTrainMeter state=train.state /> }.into_any()
        }
        Widget::Poll => {
            let poll = use_poll(UsePollOptions { broadcaster });
            feed.subscribe_batches(move |batch| poll.apply_deliveries(batch));
            view! { <PollPanel state=poll.state /> }.into_any()
        }
        Widget::Prediction => {
            let prediction = use_prediction(UsePredictionOptions { broadcaster });
            feed.subscribe_batches(move |batch| prediction.apply_deliveries(batch));
            view! { <PredictionPanel state=prediction.state /> }.into_any()
        }
    };
    Some(view)
}
