//! Loads the chosen theme stylesheet (`theme=name` in the fragment) over the default theme.

use crate::BUILD_ID;

/// The `id` of the element this module owns: the theme's `<link>`, or its inline `<style>`.
const LINK_ID: &str = "tau-theme";

/// What an inline theme's `media` attribute holds while it is not the chosen one.
const OFF: &str = "not all";

/// Applies theme `name` at the end of `<head>`, so its `--tau-*` values win over the default
/// theme before it:
/// - the single-file build (`.ci/single-file`) carries every built-in theme inline as
///   `<style data-tau-theme="name" media="not all">`: that one is switched on;
/// - otherwise `<link id="tau-theme" rel="stylesheet" href="themes/<name>.css?v=<build id>">`
///   is added, or replaces the last one. The build id ([`BUILD_ID`]) keeps a browser cache
///   (OBS keeps one across restarts) from serving an older build's theme: Trunk gives its own
///   assets content-hashed names, but the copied theme folder keeps plain ones.
///
/// `name` must already be validated (`[a-z0-9-]+`, see [`crate::settings`]).
/// ([MDN](https://developer.mozilla.org/docs/Web/HTML/Element/link))
pub fn load(name: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let head = document.query_selector("head").ok().flatten().ok_or("no <head>")?;
    let old = document.get_element_by_id(LINK_ID);
    let inline = document
        .query_selector(&format!("style[data-tau-theme=\"{name}\"]"))
        .ok()
        .flatten();
    let failed = |what: &str| format!("theme {name}: cannot {what}");
    if let Some(style) = inline {
        if let Some(old) = old.filter(|old| *old != style) {
            switch_off(&old).map_err(|_| failed("remove the last theme"))?;
        }
        style.set_id(LINK_ID);
        style.remove_attribute("media").map_err(|_| failed("switch it on"))?;
        head.append_child(&style)
            .map_err(|_| failed("move it to the end of <head>"))?;
        return Ok(());
    }
    let link = match old {
        Some(old) if old.tag_name().eq_ignore_ascii_case("link") => old,
        old => {
            if let Some(old) = old {
                switch_off(&old).map_err(|_| failed("remove the last theme"))?;
            }
            let link = document.create_element("link").map_err(|_| failed("create <link>"))?;
            link.set_id(LINK_ID);
            head.append_child(&link).map_err(|_| failed("add <link>"))?;
            link
        }
    };
    let set = |k: &str, v: &str| link.set_attribute(k, v).map_err(|_| failed("set the <link>"));
    set("rel", "stylesheet")?;
    let build = String::from(js_sys::encode_uri_component(BUILD_ID));
    set("href", &format!("themes/{name}.css?v={build}"))?;
    Ok(())
}

/// The `id` of the font stylesheet `<link>` this module owns.
const FONT_LINK_ID: &str = "tau-font";

/// The custom properties a configured font sets on the page root.
const FONT_PROPERTIES: [&str; 3] = [
    "--tau-font-family",
    "--tau-headline-font-family",
    "--tau-message-font-family",
];

/// Makes `font` (the config file's `font`) the family of every text of the overlay, or, for
/// `None`, returns the page to the theme's fonts. The family goes into `--tau-font-family` (and
/// the headline and message families) on `<html>` with
/// [`style.setProperty`](https://developer.mozilla.org/docs/Web/API/CSSStyleDeclaration/setProperty),
/// followed by the theme's `--tau-font-fallback`, so text shows at once in the fallback while a
/// web font loads (or when it never does). A web font's URL (already checked: https or this
/// server) is a `<link rel="stylesheet" referrerpolicy="no-referrer">` for a stylesheet, or a
/// [`FontFace`](https://developer.mozilla.org/docs/Web/API/FontFace) with `display: swap` added
/// to `document.fonts` for a font file. Nothing here waits for the font.
pub fn apply_font(font: Option<&crate::engine::FontConfig>) -> Result<(), String> {
    use crate::engine::FontSource;
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let root: web_sys::HtmlElement = document
        .document_element()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no <html>")?;
    let style = root.style();
    if let Some(old) = document.get_element_by_id(FONT_LINK_ID) {
        old.remove();
    }
    let Some(font) = font else {
        for property in FONT_PROPERTIES {
            let _ = style.remove_property(property);
        }
        return Ok(());
    };
    let stack = font.stack();
    for property in FONT_PROPERTIES {
        style
            .set_property(property, &stack)
            .map_err(|_| "cannot set the font family")?;
    }
    let Some(url) = &font.url else {
        return Ok(());
    };
    match url.source() {
        FontSource::Stylesheet => {
            let head = document.query_selector("head").ok().flatten().ok_or("no <head>")?;
            let link = document.create_element("link").map_err(|_| "cannot create <link>")?;
            link.set_id(FONT_LINK_ID);
            for (k, v) in [
                ("rel", "stylesheet"),
                ("referrerpolicy", "no-referrer"),
                ("href", url.as_str()),
            ] {
                link.set_attribute(k, v).map_err(|_| "cannot set <link> attribute")?;
            }
            head.append_child(&link).map_err(|_| "cannot add <link>")?;
        }
        FontSource::File => {
            let descriptors = web_sys::FontFaceDescriptors::new();
            descriptors.set_display("swap");
            let source = format!("url(\"{}\")", url.as_str());
            let face = web_sys::FontFace::new_with_str_and_descriptors(font.family.as_str(), &source, &descriptors)
                .map_err(|_| "cannot make a FontFace")?;
            document.fonts().add(&face).map_err(|_| "cannot add the font")?;
        }
    }
    Ok(())
}

/// Turns the theme element `old` off: an inline theme goes back to `media="not all"`, a
/// `<link>` is removed.
fn switch_off(old: &web_sys::Element) -> Result<(), wasm_bindgen::JsValue> {
    old.remove_attribute("id")?;
    if old.has_attribute("data-tau-theme") {
        old.set_attribute("media", OFF)
    } else {
        old.remove();
        Ok(())
    }
}
