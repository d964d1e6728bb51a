//! `fetch` for TAU's REST API and the overlay's own files: no cookies, no cache, no Referer.
//! ([MDN](https://developer.mozilla.org/docs/Web/API/Window/fetch))

use crate::config::Token;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, Request, RequestCache, RequestCredentials, RequestInit, Response};

/// A response's status and body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status code.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// `GET url`, with `Authorization: Token …` when a token is given. `Err` means the server could
/// not be reached (network error, CORS refusal, mixed content); the message never contains the token.
pub async fn get(url: &str, token: Option<&Token>) -> Result<HttpReply, String> {
    send("GET", url, token, None).await
}

/// `POST url` with a JSON body.
pub async fn post_json(url: &str, token: Option<&Token>, body: &str) -> Result<HttpReply, String> {
    send("POST", url, token, Some(body)).await
}

async fn send(method: &str, url: &str, token: Option<&Token>, body: Option<&str>) -> Result<HttpReply, String> {
    let fail = |what: &str| format!("{what}: {method} {}", url.split('?').next().unwrap_or(url));
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| fail("bad request"))?;
    let headers = request.headers();
    let _ = headers.set("Accept", "application/json");
    if body.is_some() {
        let _ = headers.set("Content-Type", "application/json");
    }
    if let Some(token) = token {
        let _ = headers.set("Authorization", &format!("Token {}", token.expose()));
    }
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| fail("unreachable"))?;
    let response: Response = response.dyn_into().map_err(|_| fail("not a response"))?;
    let text = response.text().map_err(|_| fail("unreadable body"))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|_| fail("unreadable body"))?
        .as_string()
        .unwrap_or_default();
    Ok(HttpReply {
        status: response.status(),
        body,
    })
}
