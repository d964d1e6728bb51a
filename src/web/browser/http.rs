//! `fetch` for TAU's REST API and the overlay's own files, through gloo-net: no cookies, no
//! cache, no Referer. ([MDN](https://developer.mozilla.org/docs/Web/API/Window/fetch))

use crate::settings::Token;
use gloo_net::http::{Request, RequestBuilder};
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials};

/// A response's status and body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status code.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// Why a request got no reply. The message names the method and the URL without its query, and
/// never contains the token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The browser would not build the request (a malformed URL or header): fix the setting the
    /// URL came from.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The server could not be reached (network error, CORS refusal, mixed content): check that
    /// TAU runs at the configured address; retrying later may work.
    #[error("unreachable: {0}")]
    Unreachable(String),
    /// The reply arrived but its body could not be read: retry.
    #[error("unreadable body: {0}")]
    UnreadableBody(String),
}

/// `GET url`, with `Authorization: Token …` when a token is given.
pub async fn get(url: &str, token: Option<&Token>) -> Result<HttpReply, HttpError> {
    send(Request::get(url), "GET", url, token, None).await
}

/// `POST url` with a JSON body.
pub async fn post_json(url: &str, token: Option<&Token>, body: &str) -> Result<HttpReply, HttpError> {
    send(Request::post(url), "POST", url, token, Some(body)).await
}

async fn send(
    builder: RequestBuilder,
    method: &str,
    url: &str,
    token: Option<&Token>,
    body: Option<&str>,
) -> Result<HttpReply, HttpError> {
    let what = || format!("{method} {}", url.split('?').next().unwrap_or(url));
    let mut builder = builder
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Token {}", token.expose()));
    }
    let request = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    }
    .map_err(|_| HttpError::BadRequest(what()))?;
    let response = request.send().await.map_err(|_| HttpError::Unreachable(what()))?;
    let body = response.text().await.map_err(|_| HttpError::UnreadableBody(what()))?;
    Ok(HttpReply {
        status: response.status(),
        body,
    })
}
