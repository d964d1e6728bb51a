//! Loads the chosen theme stylesheet (`theme=name` in the fragment) over the default theme.

/// The `id` of the `<link>` this module owns.
const LINK_ID: &str = "tau-theme";

/// Adds, or replaces, `<link id="tau-theme" rel="stylesheet" href="themes/<name>.css">` at the
/// end of `<head>`, so its `--tau-*` values win over the default theme linked before it.
/// `name` must already be validated (`[a-z0-9-]+`, see [`crate::settings`]).
/// ([MDN](https://developer.mozilla.org/docs/Web/HTML/Element/link))
pub fn load(name: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let head = document.query_selector("head").ok().flatten().ok_or("no <head>")?;
    let link = match document.get_element_by_id(LINK_ID) {
        Some(old) => old,
        None => {
            let link = document.create_element("link").map_err(|_| "cannot create <link>")?;
            link.set_id(LINK_ID);
            head.append_child(&link).map_err(|_| "cannot add <link>")?;
            link
        }
    };
    let set = |k: &str, v: &str| link.set_attribute(k, v).map_err(|_| "cannot set <link> attribute");
    set("rel", "stylesheet")?;
    set("href", &format!("themes/{name}.css"))?;
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
