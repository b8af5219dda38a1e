//! HTTP plumbing: one axum `Router` per host (admin routes + a ninjapay dispatcher), served by
//! hyper directly so a fault can close a connection without any response.

pub mod admin;
pub mod api;
pub mod prod;

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::error::{ApiError, ApiResult};
use crate::faults::Action;
use crate::keys::{self, KeyKind};
use crate::params::Params;
use crate::{Host, Shared};

/// Every documented endpoint the sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Wallet,
    Send,
    Receive,
    CheckPayment,
    History,
    Decode,
    RequestVoucher,
    CheckVoucher,
    RevokeVoucher,
    RedeemVoucher,
    AssetBalance,
    CheckOrder,
    RevokeOrder,
    RequestToken,
    CheckToken,
    RequestQuoteId,
    RequestQuote,
    CheckQuote,
}

impl Endpoint {
    /// The endpoint at `path` on `host`; a prod-only path on the api host is `None` (404).
    pub fn lookup(host: Host, path: &str) -> Option<Endpoint> {
        use Endpoint::*;
        Some(match (host, path) {
            (Host::Api, "/lapi/v1/wallet") => Wallet,
            (Host::Api, "/lapi/v1/send") => Send,
            (Host::Api, "/lapi/v1/receive") => Receive,
            (Host::Api, "/lapi/v1/checkPayment") => CheckPayment,
            (Host::Api, "/lapi/v1/history") => History,
            (Host::Api, "/lapi/v1/decode") => Decode,
            (Host::Api, "/lapi/v1/requestVoucher") => RequestVoucher,
            (Host::Api, "/lapi/v1/checkVoucher") => CheckVoucher,
            (Host::Api, "/lapi/v1/revokeVoucher") => RevokeVoucher,
            (Host::Api, "/lapi/v1/redeemVoucher") => RedeemVoucher,
            (Host::Api, "/tapi/v1/assetBalance") => AssetBalance,
            (Host::Api, "/tapi/v1/checkOrder") => CheckOrder,
            (Host::Api, "/tapi/v1/revokeOrder") => RevokeOrder,
            (Host::Prod, "/lapi/v1/requestToken") => RequestToken,
            (Host::Prod, "/lapi/v1/checkVoucher") => CheckToken,
            (Host::Prod, "/sapi/v1/requestQuoteID") => RequestQuoteId,
            (Host::Prod, "/sapi/v1/requestQuote") => RequestQuote,
            (Host::Prod, "/sapi/v1/checkQuote") => CheckQuote,
            _ => return None,
        })
    }

    pub fn method(self) -> Method {
        use Endpoint::*;
        match self {
            Send | Receive | RequestVoucher | RequestToken | RequestQuoteId | RequestQuote => {
                Method::POST
            }
            _ => Method::GET,
        }
    }

    /// Endpoints that move money out need the Admin key.
    pub fn admin_only(self) -> bool {
        matches!(
            self,
            Endpoint::Send | Endpoint::RequestVoucher | Endpoint::RequestToken
        )
    }
}

#[derive(Debug, Clone)]
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub host: Host,
}

pub fn router(shared: Arc<Shared>, host: Host) -> Router {
    let ctx = Ctx { shared, host };
    Router::new()
        .nest("/_sandbox", admin::router())
        .fallback(ninjapay)
        .with_state(ctx)
}

/// Marks a response that must not be sent: the connection is closed instead.
#[derive(Debug, Clone, Copy)]
struct DropConnection;

#[derive(Debug)]
struct DroppedOnPurpose;

impl std::fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox fault: connection dropped")
    }
}
impl std::error::Error for DroppedOnPurpose {}

/// Accepts connections until `stop` changes (or its sender is gone).
pub async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // e.g. too many open files: back off briefly instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let router = router.clone();
                conns.spawn(async move {
                    let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let router = router.clone();
                        async move {
                            let resp = match router.oneshot(req).await {
                                Ok(r) => r,
                                Err(e) => match e {},
                            };
                            if resp.extensions().get::<DropConnection>().is_some() {
                                // hyper closes the connection without writing a response.
                                Err(DroppedOnPurpose)
                            } else {
                                Ok::<_, DroppedOnPurpose>(resp)
                            }
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.abort_all();
}

/// JSON response from a serialisable value (numbers as raw text, see `money::Num`).
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("serialisation failed: {e}"),
        )
            .into_response(),
    }
}

#[derive(Debug, Serialize)]
struct Envelope<'a, T> {
    status: bool,
    data: T,
    message: &'a str,
}

/// api host success: `{"status":true,"data":…,"message":…}`.
pub fn enveloped<T: Serialize>(data: T, message: &str) -> Response {
    json_response(
        StatusCode::OK,
        &Envelope {
            status: true,
            data,
            message,
        },
    )
}

/// prod host success: the bare object.
pub fn bare<T: Serialize>(data: T) -> Response {
    json_response(StatusCode::OK, &data)
}

/// Everything a handler needs about one authenticated request.
#[derive(Debug)]
pub struct Call<'a> {
    pub shared: &'a Shared,
    pub kind: KeyKind,
    pub params: Params,
}

/// The ninjapay dispatcher: route lookup → record → faults → auth → rate limit → key kind →
/// parameters → handler.
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
    let fault = ctx.shared.faults().take(&path);
    match fault {
        Some(Action::Status(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = json_response(
                status,
                &serde_json::json!({"success": false, "message": format!("sandbox fault: injected status {code}")}),
            );
            if status == StatusCode::TOO_MANY_REQUESTS {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            return resp;
        }
        Some(Action::MalformedJson) => {
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"status\": true, \"data\": <<not json>>",
            )
                .into_response();
        }
        Some(Action::HtmlError) => {
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
            )
                .into_response();
        }
        Some(Action::DropConnection) => {
            let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            resp.extensions_mut().insert(DropConnection);
            return resp;
        }
        Some(Action::TruncatedJson) | None => {}
    }

    let resp = match handle(
        &ctx,
        endpoint,
        &parts.method,
        &parts.uri,
        &parts.headers,
        body,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => e.render(host),
    };
    if fault == Some(Action::TruncatedJson) {
        return truncate(resp).await;
    }
    resp
}

async fn truncate(resp: Response) -> Response {
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let half = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        half,
    )
        .into_response()
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
        Wallet => api::wallet(&call),
        Send => api::send(&call),
        Receive => api::receive(&call),
        CheckPayment => api::check_payment(&call),
        History => api::history(&call),
        Decode => api::decode(&call),
        RequestVoucher => api::request_voucher(&call),
        CheckVoucher => api::check_voucher(&call),
        RevokeVoucher => api::revoke_voucher(&call),
        RedeemVoucher => api::redeem_voucher(&call),
        AssetBalance => api::asset_balance(&call),
        CheckOrder => api::check_order(&call),
        RevokeOrder => api::revoke_order(&call),
        RequestToken => prod::request_token(&call),
        CheckToken => prod::check_token(&call),
        RequestQuoteId => prod::request_quote_id(&call),
        RequestQuote => prod::request_quote(&call),
        CheckQuote => prod::check_quote(&call),
    }
}

/// Shared validation for BTC amounts: > 0 and at most 8 decimals (satoshis).
pub fn btc_amount(name: &str, d: rust_decimal::Decimal) -> ApiResult<rust_decimal::Decimal> {
    if d <= rust_decimal::Decimal::ZERO {
        return Err(ApiError::bad(format!("{name} must be greater than 0")));
    }
    if crate::money::real_scale(d) > 8 {
        return Err(ApiError::bad(format!(
            "{name} must have at most 8 decimal places (1 satoshi)"
        )));
    }
    if d > rust_decimal::Decimal::from(21_000_000) {
        return Err(ApiError::bad(format!(
            "{name} is larger than 21,000,000 BTC"
        )));
    }
    Ok(d)
}
