//! HTTP: one axum `Router` per host (admin routes + a ninjapay dispatcher), served by hyper
//! directly so a fault can close a connection without any response.
//!
//! Handlers by domain: [`lightning`] (wallet, send, receive, checks, history, decode),
//! [`vouchers`], [`trade`] (spot trade) on the api host; [`widget`] (tokens) and [`bridge`]
//! (quotes) on the prod host.

pub mod admin;
pub mod bridge;
pub mod context;
pub mod endpoint;
pub mod fault_replies;
pub mod fields;
pub mod lightning;
pub mod reply;
pub mod serve;
pub mod trade;
pub mod vouchers;
pub mod widget;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::Router;

pub use context::{Call, Ctx};
pub use endpoint::Endpoint;
pub use serve::serve;

use crate::error::{ApiError, ApiResult};
use crate::host::Host;
use crate::keys::{self, KeyKind};
use crate::params::Params;
use crate::shared::Shared;

pub fn router(shared: Arc<Shared>, host: Host) -> Router {
    let ctx = Ctx { shared, host };
    Router::new()
        .nest("/_sandbox", admin::router())
        .fallback(ninjapay)
        .with_state(ctx)
}

/// The ninjapay dispatcher: route lookup → record → faults → auth → rate limit → key kind →
/// parameters → handler → what an after-processing fault does to the answer.
async fn ninjapay(State(ctx): State<Ctx>, req: Request) -> Response {
    let host = ctx.host;
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    let Some(endpoint) = Endpoint::lookup(host, &path) else {
        let (other, other_host) = match host {
            Host::Api => ("prod", Host::Prod),
            Host::Prod => ("api", Host::Api),
        };
        let hint = if Endpoint::lookup(other_host, &path).is_some() {
            format!(" (it exists on the {other} host)")
        } else {
            String::new()
        };
        return ApiError::not_found(format!("no endpoint {path} on this host{hint}")).render(host);
    };
    ctx.shared.record(host, parts.method.as_str(), &path);

    let latency = ctx.shared.faults().latency_ms(&path);
    if let Some(ms) = latency {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let (fault, add_request_id) = {
        let mut book = ctx.shared.faults();
        (book.take(&path), book.take_extra_fields(&path))
    };
    let instead = fault
        .as_ref()
        .and_then(fault_replies::instead_of_processing);
    let mut resp = match instead {
        Some(resp) => resp,
        None => handle(
            &ctx,
            endpoint,
            &parts.method,
            &parts.uri,
            &parts.headers,
            body,
        )
        .await
        .unwrap_or_else(|e| e.render(host)),
    };
    if add_request_id {
        resp = fault_replies::with_request_id(resp).await;
    }
    match &fault {
        Some(action) if action.processes_request() => {
            fault_replies::after_processing(action, resp).await
        }
        _ => resp,
    }
}

fn extract_key(host: Host, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<String> {
    let header_value = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    match host {
        Host::Api => header_value("x-api-key").or_else(|| {
            Query::<Vec<(String, String)>>::try_from_uri(uri)
                .ok()
                .and_then(|q| {
                    q.0.into_iter()
                        .find(|(k, _)| k == "api_key")
                        .map(|(_, v)| v)
                })
        }),
        Host::Prod => header_value("authorization").map(|v| keys::strip_bearer(&v).to_string()),
    }
}

async fn handle(
    ctx: &Ctx,
    endpoint: Endpoint,
    method: &Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    if *method != endpoint.method() {
        return Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!(
                "{} {} is not supported; use {}",
                method,
                uri.path(),
                endpoint.method()
            ),
        ));
    }
    let header_name = match ctx.host {
        Host::Api => "x-api-key header",
        Host::Prod => "Authorization header",
    };
    let key = extract_key(ctx.host, uri, headers)
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                format!("missing API key: send it in the {header_name}"),
            )
        })?;
    let kind = keys::kind_of(&key).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!("invalid API key in the {header_name}"),
        )
    })?;
    if let Err(limited) = ctx.shared.check_rate(&key, uri.path()) {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "rate limit exceeded: {}; try again in {} s",
                limited.bucket.describe(),
                limited.remaining
            ),
        );
        e.retry_after = Some(ctx.shared.clock.real_seconds(limited.remaining));
        return Err(e);
    }
    if endpoint.admin_only() && kind != KeyKind::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "{} requires the Admin key; the Invoice key cannot move money out",
                uri.path()
            ),
        ));
    }
    let query = Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map_err(|_| ApiError::bad("the query string is malformed"))?
        .0
        .into_iter()
        .filter(|(k, _)| k != "api_key")
        .collect();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .map_err(|_| ApiError::bad("request body is unreadable or larger than 1 MiB"))?;
    let params = Params::parse(query, &bytes)?;
    let call = Call {
        shared: &ctx.shared,
        kind,
        params,
    };
    use Endpoint::*;
    match endpoint {
        Wallet => lightning::wallet(&call),
        Send => lightning::send(&call),
        Receive => lightning::receive(&call),
        CheckPayment => lightning::check_payment(&call),
        History => lightning::history(&call),
        Decode => lightning::decode(&call),
        RequestVoucher => vouchers::request_voucher(&call),
        CheckVoucher => vouchers::check_voucher(&call),
        RevokeVoucher => vouchers::revoke_voucher(&call),
        RedeemVoucher => vouchers::redeem_voucher(&call),
        AssetBalance => trade::asset_balance(&call),
        CheckOrder => trade::check_order(&call),
        RevokeOrder => trade::revoke_order(&call),
        RequestToken => widget::request_token(&call),
        CheckToken => widget::check_token(&call),
        RequestQuoteId => bridge::request_quote_id(&call),
        RequestQuote => bridge::request_quote(&call),
        CheckQuote => bridge::check_quote(&call),
    }
}
