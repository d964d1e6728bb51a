//! Loads the chosen theme stylesheet (`theme=name` in the fragment) over the default theme.

use crate::web::components::status::BUILD_ID;

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
