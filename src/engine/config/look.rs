//! The alert's look from the config file and the fragment: [`Layout`] (`layout`) and
//! [`FontConfig`] (`font`). Pure values; the browser shell applies them (`data-layout` on the
//! alert box, `--tau-font-family` on the page root, a `<link>` or `FontFace` for a web font).

use serde::de::{Deserialize, Deserializer, Error as _};

/// How an alert arranges its image and its text, over the theme's own layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Image above the text.
    Above,
    /// Image beside (left of) the text.
    Beside,
    /// Image beside the text, across the whole width of the canvas.
    Banner,
}

/// What `layout` accepts, for messages.
pub const LAYOUT_NAMES: &str = "above, beside, banner";

impl Layout {
    /// The layout called `name` (`above`, `beside`, `banner`), if any.
    ///
    /// ```
    /// use tau_overlay::engine::Layout;
    /// assert_eq!(Layout::from_name("banner"), Some(Layout::Banner));
    /// assert_eq!(Layout::from_name("sideways"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Layout> {
        match name {
            "above" => Some(Layout::Above),
            "beside" => Some(Layout::Beside),
            "banner" => Some(Layout::Banner),
            _ => None,
        }
    }

    /// The name, as `data-layout` carries it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Above => "above",
            Layout::Beside => "beside",
            Layout::Banner => "banner",
        }
    }
}

impl<'de> Deserialize<'de> for Layout {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Layout::from_name(&name).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown value {} (expected one of {LAYOUT_NAMES})",
                crate::tau::wire::to_string(&name)
            ))
        })
    }
}

/// A local or web font for every text of the overlay (`"font": {"family": "Outfit", "url": …}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontConfig {
    /// The family name, as installed on the machine or as the web font names it.
    pub family: FontFamily,
    /// Where a web font comes from: a stylesheet with `@font-face` rules (e.g. Google Fonts'
    /// `css2?family=…`), or a font file (`.woff2`, `.woff`, `.ttf`, `.otf`). `None` for a local font.
    #[serde(default)]
    pub url: Option<FontUrl>,
}

impl FontConfig {
    /// The `font-family` value to set: the family, then the theme's fallback stack
    /// (`--tau-font-fallback`), so text shows at once and while a web font loads or fails.
    ///
    /// ```
    /// use tau_overlay::engine::EngineConfig;
    /// let c = EngineConfig::from_json(r#"{"font": {"family": "Outfit"}}"#).unwrap();
    /// assert_eq!(c.font.unwrap().stack(), r#""Outfit", var(--tau-font-fallback)"#);
    /// ```
    pub fn stack(&self) -> String {
        format!("\"{}\", var(--tau-font-fallback)", self.family.0)
    }
}

/// A font family name: letters, digits, spaces, `-`, `_` and `.`, at most 64 characters, so it
/// can be quoted in CSS as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontFamily(String);

impl FontFamily {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for FontFamily {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        let ok = !name.trim().is_empty()
            && name.chars().count() <= 64
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
        match ok {
            true => Ok(FontFamily(name.trim().to_owned())),
            false => Err(D::Error::custom(
                "expected a font family name like Outfit (letters, digits, spaces, - _ .; at most 64)",
            )),
        }
    }
}

/// What a font URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontSource {
    /// A stylesheet with `@font-face` rules: loaded as `<link rel="stylesheet">`.
    Stylesheet,
    /// A font file: loaded as a `FontFace`.
    File,
}

/// A checked font URL: `https://host/…` or a path on the overlay's own server (`fonts/x.woff2`,
/// `/fonts/x.css`). Never `http:`, `javascript:`, `data:` or another scheme, and no quotes,
/// parentheses, backslashes, spaces or control characters (it goes into a CSS `url()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontUrl(String);

impl FontUrl {
    /// Checks `url`.
    ///
    /// ```
    /// use tau_overlay::engine::FontUrl;
    /// assert!(FontUrl::new("https://fonts.googleapis.com/css2?family=Outfit&display=swap").is_some());
    /// assert!(FontUrl::new("themes/outfit.woff2").is_some());
    /// assert!(FontUrl::new("javascript:alert(1)").is_none());
    /// assert!(FontUrl::new("//evil.example/x.css").is_none());
    /// ```
    pub fn new(url: &str) -> Option<FontUrl> {
        let clean = !url.is_empty()
            && url.len() <= 2048
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '(' | ')' | '\\' | '<' | '>'));
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let https = url
            .strip_prefix("https://")
            .is_some_and(|rest| rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty()));
        let relative = !url.starts_with("//") && !path.contains(':');
        (clean && (https || relative)).then(|| FontUrl(url.to_owned()))
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A font file by its extension, else a stylesheet.
    pub fn source(&self) -> FontSource {
        let path = self.0.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
        match [".woff2", ".woff", ".ttf", ".otf"]
            .iter()
            .any(|ext| path.ends_with(ext))
        {
            true => FontSource::File,
            false => FontSource::Stylesheet,
        }
    }
}

impl<'de> Deserialize<'de> for FontUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let url = String::deserialize(d)?;
        FontUrl::new(&url).ok_or_else(|| {
            D::Error::custom(
                "expected an https:// URL or a path on the overlay's server (no quotes, spaces or other schemes)",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_urls_are_https_or_same_origin_only() {
        for good in [
            "https://fonts.googleapis.com/css2?family=Outfit:wght@500;700&display=swap",
            "themes/outfit.woff2",
            "/fonts/brand.css",
            "fonts/a.ttf?v=2",
        ] {
            assert!(FontUrl::new(good).is_some(), "{good}");
        }
        for bad in [
            "http://fonts.example/x.css",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:font/woff2;base64,AAAA",
            "//evil.example/x.css",
            "https://",
            "https:///x.css",
            "x.css\") ; background: url(\"https://evil",
            "a b.css",
            "a\\b.css",
            "ftp://x/y.css",
            "",
        ] {
            assert!(FontUrl::new(bad).is_none(), "{bad}");
        }
        let file = FontUrl::new("https://x.example/Brand.WOFF2?v=1").unwrap();
        assert_eq!(file.source(), FontSource::File);
        let css = FontUrl::new("https://fonts.googleapis.com/css2?family=a.woff2").unwrap();
        assert_eq!(css.source(), FontSource::Stylesheet);
    }
}
