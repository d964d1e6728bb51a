//! One stable sort for the whole crate.
//!
//! Each `sort_by_key` on another element type compiles std's whole driftsort again (~3.5 KB of
//! wasm apiece). The core's lists are short (cheermote tiers, emote spans, masked ranges), so
//! they all sort their `u64` keys through [`sort_by_u64_key`] and share one instantiation of
//! std's `sort_unstable` on `(key, index)` pairs (the index keeps equal keys in order).

/// Sorts `items` by `key`, stably (equal keys keep their order), through the one shared sort.
///
/// ```
/// let mut tiers = vec![("teal", 1000), ("grey", 1), ("purple", 100), ("grey too", 1)];
/// tau_overlay::util::order::sort_by_u64_key(&mut tiers, |t| t.1);
/// assert_eq!(tiers, [("grey", 1), ("grey too", 1), ("purple", 100), ("teal", 1000)]);
/// ```
pub fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut keys: Vec<(u64, usize)> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    sort_pairs(&mut keys);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(keys.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// The shared instantiation (not generic, so it is compiled once).
#[inline(never)]
fn sort_pairs(keys: &mut [(u64, usize)]) {
    keys.sort_unstable();
}

/// Two `u32`-range numbers as one key ordered by `high`, then `low`; larger values saturate.
pub fn pair_key(high: usize, low: usize) -> u64 {
    let clamp = |n: usize| u64::try_from(n).unwrap_or(u64::MAX).min(u64::from(u32::MAX));
    clamp(high) << 32 | clamp(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut items: Vec<(u64, char)> = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_u64_key(&mut items, |i| i.0);
        assert_eq!(items, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn pair_keys_order_by_the_first_number_then_the_second() {
        assert!(pair_key(1, 900) < pair_key(2, 0));
        assert!(pair_key(3, 1) < pair_key(3, 2));
        assert_eq!(pair_key(usize::MAX, 5), pair_key(u32::MAX as usize, 5));
    }
}
