//! Readable name colours: a chat user's `#RRGGBB` colour lightened until it reaches a contrast
//! floor against the chat box's dark background (WCAG 2 relative luminance and contrast ratio,
//! <https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio>).

/// The chat box's line background as an opaque colour (the default theme's
/// `--tau-chat-background`, rgb(24, 24, 27), without its transparency).
pub const CHAT_BACKGROUND: [u8; 3] = [24, 24, 27];

/// The contrast a name colour must reach (WCAG AA for normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// Parses `#RRGGBB` (case-insensitive).
pub fn parse_hex(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` mixed towards white just enough to reach `floor` against `background` (unchanged when
/// it already does). Keeps the hue, so a dark blue name stays a (light) blue.
pub fn lighten_to(color: [u8; 3], background: [u8; 3], floor: f64) -> [u8; 3] {
    let mix = |t: f64| color.map(|c| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8);
    if contrast(color, background) >= floor {
        return color;
    }
    // Contrast grows with the mix towards white: bisect the smallest mix that reaches the floor.
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..20 {
        let mid = (low + high) / 2.0;
        if contrast(mix(mid), background) >= floor {
            high = mid;
        } else {
            low = mid;
        }
    }
    mix(high)
}

/// A `#RRGGBB` name colour readable on the chat box ([`MIN_CONTRAST`] on [`CHAT_BACKGROUND`]),
/// lower-case; `None` when `color` is not `#RRGGBB`.
///
/// ```
/// use tau_overlay::text::contrast::readable_name_color;
/// assert_eq!(readable_name_color("#FF7F50").as_deref(), Some("#ff7f50"));
/// assert_ne!(readable_name_color("#000080").as_deref(), Some("#000080"));
/// ```
pub fn readable_name_color(color: &str) -> Option<String> {
    let [r, g, b] = lighten_to(parse_hex(color)?, CHAT_BACKGROUND, MIN_CONTRAST);
    Some(format!("#{r:02x}{g:02x}{b:02x}"))
}
