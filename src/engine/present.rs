//! Turning a queued item into an [`AlertView`]: variation, headline, message, time on screen.

use super::machine::Engine;
use super::pending::Item;
use super::template::default_text;
use super::variation::choose;
use super::view::{AlertShape, AlertView};
use crate::text::parts::{clean_text, MAX_NAME_CHARS};
use crate::text::{CheermoteSet, Fragment};
use core::time::Duration;

impl Engine {
    /// Builds the view for `item` with `key`. Consumes randomness for weighted variations.
    pub(crate) fn build_view(&mut self, item: &Item, key: u64) -> AlertView {
        let input = &item.input;
        let single = item.shape == AlertShape::Single;
        let rules = self.config.classes.get(input.class);
        let variation = if single {
            choose(&rules.variations, rules.selection, input, &mut self.rng)
        } else {
            None
        };
        let kind = self
            .config
            .kinds
            .get(input.class.name())
            .and_then(|k| k.headline.as_ref());
        let template = variation
            .and_then(|v| v.headline.as_ref())
            .or(kind.filter(|_| single))
            .or(rules.headline.as_ref().filter(|_| single))
            .unwrap_or_else(|| self.texts.get(default_text(input, item.shape, item.count)));
        let shows_message = input
            .message
            .as_deref()
            .is_some_and(|m| single && !m.trim().is_empty() && input.amount >= rules.message_min_amount);
        let message: Vec<Fragment> = match (&input.fragments, shows_message) {
            (_, false) => Vec::new(),
            (Some(fragments), true) => fragments.clone(),
            (None, true) => input.raw_fragments(&CheermoteSet::builtin()),
        };
        let speak = !message.is_empty() && rules.speak_min_amount.is_some_and(|min| input.amount >= min);
        let base = variation
            .and_then(|v| v.duration_ms)
            .map_or_else(|| self.config.duration(input.class), Duration::from_millis);
        let media = Duration::from_millis(variation.and_then(|v| v.media_ms).unwrap_or(0));
        let hold = base.max(media).min(Duration::from_millis(self.config.max_duration_ms));
        AlertView {
            key,
            class: input.class,
            shape: item.shape,
            origin: input.origin,
            id: input.id.clone(),
            headline: template.render(input, item.count, self.texts.lang(), self.numbers),
            message,
            speak,
            user: input
                .user
                .as_deref()
                .filter(|_| single && !input.anonymous)
                .map(|u| clean_text(u, MAX_NAME_CHARS)),
            amount: input.amount,
            tier: input.tier,
            months: input.months,
            count: item.count,
            variation: variation.map(|v| v.name.clone()),
            image: variation.and_then(|v| v.image.clone()).or_else(|| rules.image.clone()),
            sound: variation.and_then(|v| v.sound.clone()).or_else(|| rules.sound.clone()),
            volume: variation
                .and_then(|v| v.sound_volume)
                .or(rules.sound_volume)
                .unwrap_or_default(),
            hold,
        }
    }
}
