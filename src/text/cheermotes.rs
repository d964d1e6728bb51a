//! Cheermotes (`Cheer100`, `BibleThump5000`…): the families Helix `GET /bits/cheermotes` lists,
//! and how a token of a cheer message is recognised as one.
//!
//! A token is a cheermote when it is a whole whitespace-separated word made of a known prefix (any
//! case) and an amount (decimal digits, no leading zero, at most nine), as Twitch's chat reads
//! them: `Cheer100!` or `xCheer100` stay text. Its tier is the highest one whose `min_bits` is at
//! most the amount. Colours and images come only from the Helix answer (or
//! [`CheermoteSet::builtin`]'s colours), and images only from Twitch's CDN ([`twitch_cdn_url`]).

use serde_json::Value;

/// Twitch's image hosts: `*.jtvnw.net`, `*.twitchcdn.net`, and the CloudFront host Helix uses
/// for cheermote images.
const CDN_SUFFIXES: [&str; 2] = [".jtvnw.net", ".twitchcdn.net"];
const CDN_HOSTS: [&str; 3] = ["jtvnw.net", "twitchcdn.net", "d3aqoihi2n8ty8.cloudfront.net"];

/// Most digits in a cheer amount (Twitch's largest tier is 100000 bits).
const MAX_AMOUNT_DIGITS: usize = 9;

/// `url` if it may go into an `<img src>` as a Twitch image: `https://`, a host on Twitch's CDN
/// (see the module docs) in plain `[a-z0-9.-]` with no port or user info, a path, and no
/// whitespace, controls, quotes, angle brackets or backslashes anywhere.
pub fn twitch_cdn_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && (CDN_HOSTS.contains(&host) || CDN_SUFFIXES.iter().any(|s| host.ends_with(s)));
    let path_ok = !path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'));
    (host_ok && path_ok).then(|| url.to_string())
}

/// `color` if it is a `#RRGGBB` hex colour (safe in a CSS custom property), lower-cased.
pub fn hex_color(color: &str) -> Option<String> {
    let hex = color.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| color.to_ascii_lowercase())
}

/// One tier of a cheermote family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheermoteTier {
    /// Fewest bits that reach this tier (at least 1).
    pub min_bits: u64,
    /// The tier's colour, `#rrggbb`, if Helix gave a valid one.
    pub color: Option<String>,
    /// The tier's image on Twitch's CDN, if Helix gave one there.
    pub image_url: Option<String>,
}

/// A cheermote family: a prefix and its tiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheermoteFamily {
    /// The prefix as Helix spells it, e.g. `Cheer`; ASCII letters and digits, not ending in a digit.
    pub prefix: String,
    /// Tiers, ascending by `min_bits`, without duplicates.
    pub tiers: Vec<CheermoteTier>,
}

impl CheermoteFamily {
    /// The highest tier whose `min_bits` is at most `bits`.
    pub fn tier_for(&self, bits: u64) -> Option<&CheermoteTier> {
        self.tiers.iter().rev().find(|t| t.min_bits <= bits)
    }
}

/// The cheermotes known for a channel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheermoteSet {
    families: Vec<CheermoteFamily>,
}

/// A token recognised as a cheermote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheermoteMatch<'a> {
    /// The family.
    pub family: &'a CheermoteFamily,
    /// The bits cheered.
    pub amount: u64,
    /// The tier for `amount`, if the family has one that low.
    pub tier: Option<&'a CheermoteTier>,
}

fn is_prefix(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix.len() <= 64
        && prefix.bytes().all(|b| b.is_ascii_alphanumeric())
        && !prefix.ends_with(|c: char| c.is_ascii_digit())
}

impl CheermoteSet {
    /// A set of `families`; families with an invalid or repeated (in any case) prefix are
    /// skipped, tiers with `min_bits` 0 dropped, the rest sorted and deduplicated.
    pub fn new(families: Vec<CheermoteFamily>) -> CheermoteSet {
        let mut set = CheermoteSet::default();
        for mut family in families {
            let taken = set
                .families
                .iter()
                .any(|f| f.prefix.eq_ignore_ascii_case(&family.prefix));
            if !is_prefix(&family.prefix) || taken {
                continue;
            }
            family.tiers.retain(|t| t.min_bits > 0);
            crate::util::order::sort_by_u64_key(&mut family.tiers, |t| t.min_bits);
            family.tiers.dedup_by_key(|t| t.min_bits);
            set.families.push(family);
        }
        set
    }

    /// Twitch's global `Cheer` with its tier colours (grey 1, purple 100, teal 1000, blue 5000,
    /// red 10000) and no images: cheers render coloured before (or without) a Helix answer.
    pub fn builtin() -> CheermoteSet {
        let tiers = [
            (1, "#979797"),
            (100, "#9c3ee8"),
            (1000, "#1db2a5"),
            (5000, "#0099fe"),
            (10000, "#f43021"),
        ];
        CheermoteSet::new(vec![CheermoteFamily {
            prefix: "Cheer".into(),
            tiers: tiers
                .iter()
                .map(|&(min_bits, color)| CheermoteTier {
                    min_bits,
                    color: Some(color.into()),
                    image_url: None,
                })
                .collect(),
        }])
    }

    /// The families in a Helix `bits/cheermotes` answer (`{"data": [{prefix, tiers: [{min_bits,
    /// color, images: {dark|light: {animated|static: {"1", "2", …}}}}]}]}`). Each tier's image is
    /// the first [`twitch_cdn_url`] among dark/animated, dark/static, light/animated,
    /// light/static, at scale `2` then `1`. Anything malformed is skipped, never an error.
    pub fn from_helix(body: &Value) -> CheermoteSet {
        let families = list(body.get("data"))
            .iter()
            .filter_map(|family| {
                let prefix = family.get("prefix")?.as_str()?.to_string();
                let tiers = list(family.get("tiers")).iter().filter_map(tier_from_helix).collect();
                Some(CheermoteFamily { prefix, tiers })
            })
            .collect();
        CheermoteSet::new(families)
    }

    /// The families, in the order given.
    pub fn families(&self) -> &[CheermoteFamily] {
        &self.families
    }

    /// Whether no family is known.
    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// `token` (one whole word) as a cheermote: a known prefix in any case, then the amount.
    pub fn recognise(&self, token: &str) -> Option<CheermoteMatch<'_>> {
        let digits_at = token.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (prefix, digits) = token.split_at(digits_at);
        if digits.is_empty() || digits.len() > MAX_AMOUNT_DIGITS || digits.starts_with('0') {
            return None;
        }
        let family = self.families.iter().find(|f| f.prefix.eq_ignore_ascii_case(prefix))?;
        let amount = digits.parse().ok()?;
        Some(CheermoteMatch {
            family,
            amount,
            tier: family.tier_for(amount),
        })
    }
}

fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[][..], Vec::as_slice)
}

fn tier_from_helix(tier: &Value) -> Option<CheermoteTier> {
    let min_bits = tier.get("min_bits")?.as_u64()?;
    let color = tier.get("color").and_then(Value::as_str).and_then(hex_color);
    let images = tier.get("images");
    let mut image_url = None;
    'search: for theme in ["dark", "light"] {
        for kind in ["animated", "static"] {
            for scale in ["2", "1"] {
                let url = images
                    .and_then(|i| i.get(theme)?.get(kind)?.get(scale)?.as_str())
                    .and_then(twitch_cdn_url);
                if url.is_some() {
                    image_url = url;
                    break 'search;
                }
            }
        }
    }
    Some(CheermoteTier {
        min_bits,
        color,
        image_url,
    })
}
