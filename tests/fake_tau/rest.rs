//! TAU's REST API as a client sees it (PROTOCOL.md §7, §8): DRF token auth and error bodies,
//! django-cors-headers, cursor pagination, test events, replays, the helix passthrough; plus the
//! router that ties in the websockets, the control endpoints and the static files.

use super::json::Json;
use super::state::{lock, Shared};
use super::{control, util, ws};
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, MethodRouter};
use axum::Router;
use std::sync::Arc;
use tower_http::services::ServeDir;

type S = Arc<Shared>;

/// Every route of the fake.
pub(crate) fn router(shared: S) -> Router {
    // Router routes take an optional trailing slash (`trailing_slash='/?'`).
    fn both(r: Router<S>, path: &str, m: MethodRouter<S>) -> Router<S> {
        r.route(path, m.clone()).route(&format!("{path}/"), m)
    }
    let mut r = Router::new()
        .route("/ws/twitch-events/", get(ws::twitch_events))
        .route("/ws/chat-bots/{login}/", get(ws::chat_bot));
    r = both(r, "/api/v1/heartbeat", get(heartbeat));
    r = both(r, "/api/v1/twitch-events", get(list));
    r = both(r, "/api/v1/twitch-events/keep-alive", post(keep_alive));
    r = both(r, "/api/v1/twitch-events/{key}", get(retrieve));
    r = both(r, "/api/v1/twitch-events/{key}/test", post(test_event));
    r = both(r, "/api/v1/twitch-events/{key}/replay", get(replay).post(replay));
    r = r
        .route("/api/twitch/helix/{*path}", any(helix))
        .route("/fake-avatar/{file}", get(avatar))
        .merge(control::routes());
    r = match &shared.opts.dist {
        Some(dist) => r.fallback_service(ServeDir::new(dist)),
        None => r.fallback(not_found),
    };
    r.layer(middleware::from_fn_with_state(shared.clone(), cors))
        .with_state(shared)
}

// --- responses ------------------------------------------------------------------------------

/// A DRF `JSONRenderer` response.
pub(crate) fn json(status: StatusCode, body: &Json) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.compact()).into_response()
}

fn detail(status: StatusCode, text: &str) -> Response {
    json(status, &Json::object([("detail", Json::str(text))]))
}

fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>{title}</title>\n</head>\n<body>\n  <h1>{title}</h1><p>{body}</p>\n</body>\n</html>\n"
    );
    (status, [(header::CONTENT_TYPE, "text/html")], page).into_response()
}

/// Django's 404 page for a URL no route matches.
async fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        "Not Found",
        "The requested resource was not found on this server.",
    )
}

/// django-cors-headers with `CORS_ALLOW_ALL_ORIGINS`: preflights answered for any path, and
/// `Access-Control-Allow-Origin: *` on every response.
async fn cors(State(shared): State<S>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        let target = match req.uri().path_and_query() {
            Some(pq) => format!("{} {pq}", req.method()),
            None => format!("{} {}", req.method(), req.uri().path()),
        };
        let authorization = req
            .headers()
            .get(header::AUTHORIZATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        lock(&shared.stats).rest_requests.push(super::state::RestRequest {
            at: std::time::Instant::now(),
            target,
            authorization,
        });
    }
    let mut resp = if req.method() == Method::OPTIONS {
        let mut r = StatusCode::OK.into_response();
        let h = r.headers_mut();
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with"),
        );
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("DELETE, GET, OPTIONS, PATCH, POST, PUT"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("86400"));
        h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        r
    } else {
        next.run(req).await
    };
    resp.headers_mut()
        .insert("access-control-allow-origin", HeaderValue::from_static("*"));
    resp
}

// --- DRF TokenAuthentication -------------------------------------------------------------

enum Auth {
    Anonymous,
    Valid,
    Invalid(&'static str),
}

fn authenticate(shared: &Shared, headers: &HeaderMap) -> Auth {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Auth::Anonymous;
    };
    let Ok(value) = value.to_str() else {
        return Auth::Invalid("Invalid token header. Token string should not contain invalid characters.");
    };
    let parts: Vec<&str> = value.split_whitespace().collect();
    match parts.as_slice() {
        [] => Auth::Anonymous,
        [kw, ..] if !kw.eq_ignore_ascii_case("token") => Auth::Anonymous,
        [_] => Auth::Invalid("Invalid token header. No credentials provided."),
        [_, key] if shared.token_is_valid(key) => Auth::Valid,
        [_, _] => Auth::Invalid("Invalid token."),
        _ => Auth::Invalid("Invalid token header. Token string should not contain spaces."),
    }
}

fn unauthorized(text: &str) -> Response {
    let mut r = detail(StatusCode::UNAUTHORIZED, text);
    r.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
    r
}

/// `IsAuthenticated`: the 401 to answer with, if any.
fn require_auth(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    match authenticate(shared, headers) {
        Auth::Valid => None,
        Auth::Anonymous => Some(unauthorized("Authentication credentials were not provided.")),
        Auth::Invalid(msg) => Some(unauthorized(msg)),
    }
}

/// `AllowAny`, where a present-but-wrong token still fails: the 401 to answer with, if any.
fn optional_auth(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    match authenticate(shared, headers) {
        Auth::Invalid(msg) => Some(unauthorized(msg)),
        _ => None,
    }
}

/// `request.data` the way DRF's parsers build it; the error is the status and `detail`.
fn request_data(headers: &HeaderMap, body: &[u8]) -> Result<Json, (StatusCode, String)> {
    if body.is_empty() {
        return Ok(Json::Object(Vec::new()));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    match media {
        "application/json" => {
            Json::parse(body).map_err(|e| (StatusCode::BAD_REQUEST, format!("JSON parse error - {e}")))
        }
        "application/x-www-form-urlencoded" => {
            let text = String::from_utf8_lossy(body);
            let mut pairs: Vec<(String, Json)> = Vec::new();
            for (k, v) in util::parse_query(&text) {
                pairs.retain(|(pk, _)| *pk != k);
                pairs.push((k, Json::String(v)));
            }
            Ok(Json::Object(pairs))
        }
        _ => Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Unsupported media type \"{content_type}\" in request."),
        )),
    }
}

// --- handlers -------------------------------------------------------------------------------

async fn heartbeat(State(shared): State<S>, headers: HeaderMap) -> Response {
    if let Some(r) = optional_auth(&shared, &headers) {
        return r;
    }
    json(StatusCode::OK, &Json::object([("message", Json::str("pong"))]))
}

async fn list(State(shared): State<S>, headers: HeaderMap, uri: Uri) -> Response {
    if let Some(r) = require_auth(&shared, &headers) {
        return r;
    }
    // DRF's content negotiation (JSON, then the browsable API): a browser's `Accept: text/html`
    // without `application/json` gets the HTML page.
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    if accept.contains("text/html")
        && !accept.contains("application/json")
        && !uri.query().unwrap_or("").contains("format=json")
    {
        return html(
            StatusCode::OK,
            "Twitch Event List – Django REST framework",
            "Twitch Event List",
        );
    }
    let raw_query = uri.query().unwrap_or("");
    let query = util::parse_query(raw_query);
    let Ok(page) = lock(&shared.store).page(&query) else {
        return detail(StatusCode::NOT_FOUND, "Invalid cursor");
    };
    // `request.build_absolute_uri()` with the cursor replaced.
    let scheme = match headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) {
        Some("https") => "https",
        _ => "http",
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).map_or_else(
        || format!("127.0.0.1:{}", shared.port.load(std::sync::atomic::Ordering::Relaxed)),
        str::to_string,
    );
    let origin = lock(&shared.next_origin)
        .clone()
        .unwrap_or_else(|| format!("{scheme}://{host}"));
    let link = |c: Option<super::store::Cursor>| match c {
        Some(c) => Json::String(format!(
            "{origin}{}?{}",
            uri.path(),
            util::replace_query_param(raw_query, "cursor", &c.encode())
        )),
        None => Json::Null,
    };
    let body = Json::object([
        ("next", link(page.next)),
        ("previous", link(page.previous)),
        (
            "results",
            Json::Array(page.rows.iter().map(|r| r.envelope("twitch", true)).collect()),
        ),
    ]);
    json(StatusCode::OK, &body)
}

async fn retrieve(State(shared): State<S>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(r) = require_auth(&shared, &headers) {
        return r;
    }
    let row = lock(&shared.store).get(&id).map(|r| r.envelope("twitch", true));
    match row {
        Some(row) => json(StatusCode::OK, &row),
        None => detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

async fn keep_alive(State(shared): State<S>, headers: HeaderMap) -> Response {
    if let Some(r) = require_auth(&shared, &headers) {
        return r;
    }
    shared.keep_alive(false);
    json(StatusCode::OK, &Json::object([("sent", Json::Bool(true))]))
}

async fn test_event(
    State(shared): State<S>,
    headers: HeaderMap,
    Path(event_type): Path<String>,
    body: Bytes,
) -> Response {
    if event_type.contains('.') {
        return not_found().await; // the route regex is `[^/.]+`
    }
    if let Some(r) = optional_auth(&shared, &headers) {
        return r;
    }
    match request_data(&headers, &body) {
        Ok(data) => json(StatusCode::OK, &shared.fire_test(&event_type, data)),
        Err((status, text)) => detail(status, &text),
    }
}

async fn replay(State(shared): State<S>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(r) = require_auth(&shared, &headers) {
        return r;
    }
    match shared.replay(&id) {
        Some(envelope) => json(StatusCode::OK, &envelope),
        // The stray `objects.get` raises: Django's HTML 500 page.
        None => html(StatusCode::INTERNAL_SERVER_ERROR, "Server Error (500)", ""),
    }
}

/// `/api/twitch/helix/<path>`: only `users?login=…` is faked; everything else is Twitch's 404.
async fn helix(
    State(shared): State<S>,
    method: Method,
    headers: HeaderMap,
    Path(path): Path<String>,
    uri: Uri,
) -> Response {
    if let Some(r) = require_auth(&shared, &headers) {
        return r;
    }
    if !matches!(
        method,
        Method::GET | Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        let m = method.as_str();
        return detail(StatusCode::METHOD_NOT_ALLOWED, &format!("Method \"{m}\" not allowed."));
    }
    if method != Method::GET || path != "users" {
        let body = Json::object([
            ("error", Json::str("Not Found")),
            ("status", Json::Number(404.into())),
            ("message", Json::str("")),
        ]);
        return json(StatusCode::NOT_FOUND, &body);
    }
    let query = util::parse_query(uri.query().unwrap_or(""));
    let mut logins: Vec<String> = query
        .iter()
        .filter(|(k, _)| k == "login")
        .map(|(_, v)| v.clone())
        .collect();
    if logins.is_empty() && !query.iter().any(|(k, _)| k == "id") {
        logins.push(shared.opts.streamer_login.clone());
    }
    let base = shared.base_url();
    let users = logins
        .iter()
        .enumerate()
        .map(|(i, login)| {
            Json::object([
                ("id", Json::str((i + 1).to_string())),
                ("login", Json::str(login)),
                ("display_name", Json::str(login)),
                (
                    "profile_image_url",
                    Json::str(format!("{base}/fake-avatar/{login}.png")),
                ),
            ])
        })
        .collect();
    json(StatusCode::OK, &Json::object([("data", Json::Array(users))]))
}

/// A 1×1 Twitch-purple PNG.
const AVATAR_PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x98, 0xe8, 0xf6, 0xff, 0x3f, 0x00, 0x06, 0x18, 0x02, 0xd6, 0x65, 0xb7, 0x6f,
    0xab, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn avatar(Path(file): Path<String>) -> Response {
    if !file.ends_with(".png") {
        return not_found().await;
    }
    ([(header::CONTENT_TYPE, "image/png")], AVATAR_PNG.as_slice()).into_response()
}
