//! Picking a [`Variation`] for an event: conditions, exclusivity, first match or weighted random.

use super::config::{Selection, Variation};
use super::input::AlertInput;
use crate::util::clock::Rng;

impl Variation {
    /// Whether every condition of this variation holds for `input`.
    pub fn matches(&self, input: &AlertInput) -> bool {
        let num = |c: &Option<super::condition::Condition>, v: u64| c.is_none_or(|c| c.matches(v));
        let flag = |want: Option<bool>, v: bool| want.is_none_or(|w| w == v);
        let reward = || match (&self.reward, &input.redemption) {
            (None, _) => true,
            (Some(want), Some(r)) => want.eq_ignore_ascii_case(&r.title),
            (Some(_), None) => false,
        };
        num(&self.amount, input.amount)
            && num(&self.tier, u64::from(input.tier))
            && num(&self.months, u64::from(input.months))
            && flag(self.gift, input.is_gift)
            && flag(self.anonymous, input.anonymous)
            && reward()
    }
}

/// The variation to use for `input`, if any matches.
///
/// Candidates are the matching variations; if any of them is `exclusive`, only the exclusive ones.
/// [`Selection::First`] takes the first candidate, [`Selection::Random`] a weighted random one.
pub fn choose<'a>(
    variations: &'a [Variation],
    selection: Selection,
    input: &AlertInput,
    rng: &mut Rng,
) -> Option<&'a Variation> {
    let any_exclusive = variations.iter().any(|v| v.exclusive && v.matches(input));
    let mut candidates = variations
        .iter()
        .filter(|v| (!any_exclusive || v.exclusive) && v.matches(input));
    match selection {
        Selection::First => candidates.next(),
        Selection::Random => {
            let total: u64 = candidates.clone().map(|v| u64::from(v.weight)).sum();
            if total == 0 {
                return candidates.next();
            }
            let mut pick = rng.below_inclusive(total - 1);
            candidates.find(|v| match pick.checked_sub(u64::from(v.weight)) {
                Some(rest) => {
                    pick = rest;
                    false
                }
                None => true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::condition::Condition;
    use crate::engine::input::AlertClass;

    fn var(name: &str, amount: &str) -> Variation {
        Variation {
            name: name.into(),
            amount: Some(Condition::parse(amount).unwrap()),
            ..Variation::default()
        }
    }

    fn cheer(bits: u64) -> AlertInput {
        AlertInput {
            amount: bits,
            ..AlertInput::new(AlertClass::Cheer)
        }
    }

    #[test]
    fn first_match_in_file_order() {
        let vs = [var("hundred", "100"), var("big", ">=50"), var("round", "x100")];
        let mut rng = Rng::new(1);
        let pick = |bits| choose(&vs, Selection::First, &cheer(bits), &mut Rng::new(1)).map(|v| v.name.clone());
        assert_eq!(pick(100).as_deref(), Some("hundred"));
        assert_eq!(pick(300).as_deref(), Some("big"));
        assert_eq!(pick(10), None);
        assert!(choose(&vs, Selection::First, &cheer(10), &mut rng).is_none());
    }

    #[test]
    fn exclusive_matches_shadow_the_rest() {
        let mut vs = [var("any", ">=0"), var("round", "x100")];
        vs[1].exclusive = true;
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let v = choose(&vs, Selection::Random, &cheer(200), &mut rng).unwrap();
            assert_eq!(v.name, "round");
        }
        assert_eq!(
            choose(&vs, Selection::Random, &cheer(150), &mut rng).unwrap().name,
            "any"
        );
    }

    #[test]
    fn weighted_random_is_seeded_and_proportional() {
        let mut vs = [var("a", ">=0"), var("b", ">=0"), var("never", ">=0")];
        vs[0].weight = 1;
        vs[1].weight = 3;
        vs[2].weight = 0;
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let mut hits = [0u32; 3];
            for _ in 0..4000 {
                let v = choose(&vs, Selection::Random, &cheer(1), &mut rng).unwrap();
                hits[vs.iter().position(|x| x.name == v.name).unwrap()] += 1;
            }
            hits
        };
        let hits = run(42);
        assert_eq!(hits, run(42), "same seed, same choices");
        assert_eq!(hits[2], 0);
        assert!((2700..3300).contains(&hits[1]), "{hits:?}");
    }

    #[test]
    fn tier_months_gift_anonymous_and_reward_conditions() {
        let v = Variation {
            tier: Some(Condition::Exact(3)),
            months: Some(Condition::MultipleOf(12)),
            gift: Some(false),
            anonymous: Some(false),
            ..Variation::default()
        };
        let mut sub = AlertInput {
            tier: 3,
            months: 24,
            ..AlertInput::new(AlertClass::Resub)
        };
        assert!(v.matches(&sub));
        sub.months = 13;
        assert!(!v.matches(&sub));
        let r = Variation {
            reward: Some("Hydrate".into()),
            ..Variation::default()
        };
        let mut red = AlertInput::new(AlertClass::Redemption);
        assert!(!r.matches(&red));
        red.redemption = Some(crate::engine::input::RedemptionInfo {
            title: "hydrate".into(),
            ..Default::default()
        });
        assert!(r.matches(&red));
    }
}
