//! The live widgets on the overlay page (`widgets=goal,hype,poll,prediction`): each owns its
//! state and subscribes to the page's one feed.

use crate::settings::Widget;
use crate::web::components::feed::TauFeed;
use crate::web::components::goal::{use_goal, GoalBar, UseGoalOptions};
use crate::web::components::hype_train::{use_hype_train, HypeTrainMeter, UseHypeTrainOptions};
use crate::web::components::poll::{use_poll, PollPanel, UsePollOptions};
use crate::web::components::prediction::{use_prediction, PredictionPanel, UsePredictionOptions};
use leptos::prelude::*;

/// The chosen live widgets, in page order, fed by `feed`; `broadcaster` (when known) keeps other
/// channels' goals, trains, polls and predictions out.
pub(super) fn live_widgets(widgets: &[Widget], feed: TauFeed, broadcaster: Option<String>) -> impl IntoView {
    let wants = |w| widgets.contains(&w);
    let goal = wants(Widget::Goal).then(|| {
        let goal = use_goal(UseGoalOptions {
            broadcaster: broadcaster.clone(),
        });
        feed.subscribe_batches(move |batch| goal.apply_deliveries(batch));
        view! { <GoalBar state=goal.state /> }
    });
    let hype = wants(Widget::Hype).then(|| {
        let train = use_hype_train(UseHypeTrainOptions {
            broadcaster: broadcaster.clone(),
        });
        feed.subscribe_batches(move |batch| train.apply_deliveries(batch));
        view! { <HypeTrainMeter state=train.state /> }
    });
    let poll = wants(Widget::Poll).then(|| {
        let poll = use_poll(UsePollOptions {
            broadcaster: broadcaster.clone(),
        });
        feed.subscribe_batches(move |batch| poll.apply_deliveries(batch));
        view! { <PollPanel state=poll.state /> }
    });
    let prediction = wants(Widget::Prediction).then(|| {
        let prediction = use_prediction(UsePredictionOptions { broadcaster });
        feed.subscribe_batches(move |batch| prediction.apply_deliveries(batch));
        view! { <PredictionPanel state=prediction.state /> }
    });
    (goal, hype, poll, prediction)
}
