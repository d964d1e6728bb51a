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
