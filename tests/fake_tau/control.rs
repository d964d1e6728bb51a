//! `/_fake/…`: endpoints for driving the fake by hand (curl, a browser console). They are not
//! part of TAU; the module doc of `mod.rs` lists them.

use super::json::Json;
use super::rest::json;
use super::state::{lock, Shared};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

type S = Arc<Shared>;

pub(crate) fn routes() -> Router<S> {
    Router::new()
        .route("/_fake/fire/{event_type}", post(fire))
        .route("/_fake/store/{event_type}", post(store))
        .route("/_fake/fixture/{name}", post(fixture))
        .route("/_fake/raw", post(raw))
        .route("/_fake/keep-alive", post(keep_alive))
        .route("/_fake/drop", post(drop_all))
        .route("/_fake/stall/{state}", post(stall))
        .route("/_fake/chat/{login}", post(chat))
        .route("/_fake/token", post(token))
        .route("/_fake/next-origin", post(next_origin))
        .route("/_fake/stats", get(stats))
}

fn error(status: StatusCode, text: &str) -> Response {
    json(status, &Json::object([("error", Json::str(text))]))
}

/// The body as JSON whatever the content type (so `curl -d` works); empty means `{}`.
fn body_json(body: &[u8]) -> Result<Json, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Json::Object(Vec::new()));
    }
    Json::parse(body).map_err(|e| format!("body is not JSON: {e}"))
}

fn bad_body(text: String) -> Response {
    error(StatusCode::BAD_REQUEST, &text)
}

async fn fire(State(shared): State<S>, Path(event_type): Path<String>, body: Bytes) -> Response {
    match body_json(&body) {
        Ok(data) => json(StatusCode::OK, &shared.fire(&event_type, data)),
        Err(e) => bad_body(e),
    }
}

async fn store(State(shared): State<S>, Path(event_type): Path<String>, body: Bytes) -> Response {
    match body_json(&body) {
        Ok(data) => json(StatusCode::OK, &shared.store_only(&event_type, data)),
        Err(e) => bad_body(e),
    }
}

async fn fixture(State(shared): State<S>, Path(name): Path<String>) -> Response {
    match shared.fire_fixture(name.trim_end_matches(".json")) {
        Ok(envelope) => json(StatusCode::OK, &envelope),
        Err(e) => error(StatusCode::NOT_FOUND, &e),
    }
}

async fn raw(State(shared): State<S>, body: Bytes) -> Response {
    let text = String::from_utf8_lossy(&body);
    let n = shared.send_to_event_sockets(&text);
    json(StatusCode::OK, &Json::object([("sent", Json::Number(n.into()))]))
}

async fn keep_alive(State(shared): State<S>) -> Response {
    let n = shared.keep_alive(true);
    json(StatusCode::OK, &Json::object([("sent", Json::Number(n.into()))]))
}

async fn drop_all(State(shared): State<S>) -> Response {
    let n = shared.drop_all();
    json(StatusCode::OK, &Json::object([("dropped", Json::Number(n.into()))]))
}

async fn stall(State(shared): State<S>, Path(state): Path<String>) -> Response {
    let on = match state.as_str() {
        "on" => true,
        "off" => false,
        _ => return error(StatusCode::NOT_FOUND, "use /_fake/stall/on or /_fake/stall/off"),
    };
    shared.set_stall(on);
    json(StatusCode::OK, &Json::object([("stalled", Json::Bool(on))]))
}

async fn chat(State(shared): State<S>, Path(login): Path<String>, body: Bytes) -> Response {
    let data = match body_json(&body) {
        Ok(d) => d,
        Err(e) => return bad_body(e),
    };
    let field = |k: &str, default: &str| data.get(k).and_then(Json::as_str).unwrap_or(default).to_string();
    let n = shared.chat_line(&login, &field("text", "hello"), &field("sender", "TestChatter"));
    json(StatusCode::OK, &Json::object([("sent", Json::Number(n.into()))]))
}

async fn token(State(shared): State<S>, body: Bytes) -> Response {
    let data = match body_json(&body) {
        Ok(d) => d,
        Err(e) => return bad_body(e),
    };
    match data.get("token").and_then(Json::as_str) {
        Some(t) => {
            shared.set_token(t);
            json(StatusCode::OK, &Json::object([("token", Json::str(t))]))
        }
        None => error(StatusCode::BAD_REQUEST, "body must be {\"token\": \"…\"}"),
    }
}

async fn next_origin(State(shared): State<S>, body: Bytes) -> Response {
    let data = match body_json(&body) {
        Ok(d) => d,
        Err(e) => return bad_body(e),
    };
    let origin = data.get("origin").and_then(Json::as_str).map(str::to_string);
    *lock(&shared.next_origin) = origin.clone();
    json(
        StatusCode::OK,
        &Json::object([("origin", origin.map_or(Json::Null, Json::String))]),
    )
}

async fn stats(State(shared): State<S>) -> Response {
    let (attempts, failures, connections, chat_sent) = {
        let stats = lock(&shared.stats);
        let failures = stats.auth_attempts.iter().filter(|(_, ok)| !ok).count();
        let chat_sent: Vec<Json> = stats.chat_sent.iter().map(Json::from).collect();
        (stats.auth_attempts.len(), failures, stats.connections_total, chat_sent)
    };
    let paths = shared.live_socket_paths().into_iter().map(Json::String).collect();
    let stored = lock(&shared.store).len();
    let body = Json::object([
        ("auth_attempts", Json::Number(attempts.into())),
        ("auth_failures", Json::Number(failures.into())),
        ("connections_total", Json::Number(connections.into())),
        ("live_sockets", Json::Number(shared.live_sockets().into())),
        ("live_socket_paths", Json::Array(paths)),
        ("stored_events", Json::Number(stored.into())),
        ("stalled", Json::Bool(shared.is_stalled())),
        ("chat_sent", Json::Array(chat_sent)),
        (
            "rest_requests",
            Json::Number(lock(&shared.stats).rest_requests.len().into()),
        ),
    ]);
    json(StatusCode::OK, &body)
}
