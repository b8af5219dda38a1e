//! `/_sandbox/*`: control the sandbox (clock, faults, settle) and look inside it (recorded
//! requests, record counts, keys). No key, no faults, no rate limits. Errors are
//! `{"error": "…"}` with 400.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use super::context::Ctx;
use super::reply::json_response;
use crate::faults::Fault;
use crate::keys::{ADMIN_KEY, INVOICE_KEY};
use crate::params::Params;

pub fn router() -> Router<Ctx> {
    Router::new()
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance))
        .route("/clock/speed", post(speed))
        .route("/faults", post(inject).delete(clear))
        .route("/requests", get(requests))
        .route("/counts", get(counts))
        .route("/settle", post(settle))
        .route("/keys", get(keys))
}

fn bad(message: String) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({ "error": message }))
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("invalid body: {e}"))
}

fn clock_json(ctx: &Ctx) -> Response {
    drop(ctx.shared.world());
    json_response(
        StatusCode::OK,
        &json!({"now": ctx.shared.now(), "speed": ctx.shared.clock.speed()}),
    )
}

async fn clock(State(ctx): State<Ctx>) -> Response {
    clock_json(&ctx)
}

#[derive(Deserialize)]
struct Advance {
    seconds: u64,
}

async fn advance(State(ctx): State<Ctx>, body: Bytes) -> Response {
    match parse::<Advance>(&body) {
        Ok(a) => {
            ctx.shared.advance(Duration::from_secs(a.seconds));
            clock_json(&ctx)
        }
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
struct Speed {
    speed: f64,
}

async fn speed(State(ctx): State<Ctx>, body: Bytes) -> Response {
    match parse::<Speed>(&body) {
        Ok(s) if s.speed.is_finite() && s.speed >= 0.0 => {
            ctx.shared.set_speed(s.speed);
            clock_json(&ctx)
        }
        Ok(_) => bad("speed must be a finite number >= 0".into()),
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
struct FaultBody {
    #[serde(flatten)]
    fault: Fault,
    #[serde(default)]
    path: Option<String>,
}

async fn inject(State(ctx): State<Ctx>, body: Bytes) -> Response {
    let injected =
        parse::<FaultBody>(&body).and_then(|f| ctx.shared.faults().inject(f.fault, f.path));
    match injected {
        Ok(()) => json_response(StatusCode::OK, &json!({"ok": true})),
        Err(e) => bad(e),
    }
}

async fn clear(State(ctx): State<Ctx>) -> Response {
    ctx.shared.faults().clear();
    json_response(StatusCode::OK, &json!({"ok": true}))
}

async fn requests(State(ctx): State<Ctx>) -> Response {
    json_response(StatusCode::OK, &ctx.shared.requests())
}

async fn counts(State(ctx): State<Ctx>) -> Response {
    json_response(StatusCode::OK, &ctx.shared.world().counts())
}

async fn settle(State(ctx): State<Ctx>, body: Bytes) -> Response {
    let params = match Params::parse(Vec::new(), &body) {
        Ok(p) => p,
        Err(e) => return bad(e.message),
    };
    let (tid, status) = match (params.req_str("tid"), params.req_str("status")) {
        (Ok(t), Ok(s)) => (t, s),
        (Err(e), _) | (_, Err(e)) => return bad(e.message),
    };
    if ctx.shared.settle(&tid, &status) {
        json_response(
            StatusCode::OK,
            &json!({"settled": true, "tid": tid, "status": status}),
        )
    } else {
        json_response(
            StatusCode::NOT_FOUND,
            &json!({"settled": false, "error": format!("no record {tid} that can be {status}")}),
        )
    }
}

async fn keys() -> Response {
    json_response(
        StatusCode::OK,
        &json!({"invoice_key": INVOICE_KEY, "admin_key": ADMIN_KEY}),
    )
}
