//! What a fault does to an answer: the answers sent instead of processing a request, and the
//! changes made to a processed request's answer (see [`crate::faults`]).

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::reply::json_response;
use super::serve::DropConnection;
use crate::faults::Action;

/// The answer for a fault that strikes before processing (`None` for the others).
pub fn instead_of_processing(action: &Action) -> Option<Response> {
    Some(match action {
        Action::Status(code) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = json_response(
                status,
                &serde_json::json!({"success": false, "message": format!("sandbox fault: injected status {code}")}),
            );
            if status == StatusCode::TOO_MANY_REQUESTS {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            resp
        }
        Action::MalformedJson => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"status\": true, \"data\": <<not json>>",
        )
            .into_response(),
        Action::HtmlError => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        )
            .into_response(),
        Action::Redirect { status, location } => {
            // Both were checked when the fault was injected.
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::TEMPORARY_REDIRECT);
            let mut resp = status.into_response();
            if let Ok(v) = HeaderValue::from_str(location) {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            resp
        }
        Action::DropConnection => {
            DropConnection::mark(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Action::TruncatedJson | Action::DropAfter => return None,
    })
}

/// The processed request's answer, as the fault leaves it.
pub async fn after_processing(action: &Action, resp: Response) -> Response {
    match action {
        Action::TruncatedJson => truncate(resp).await,
        Action::DropAfter => DropConnection::mark(resp),
        _ => resp,
    }
}

/// The first half of the answer's body, as a 200.
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

/// Adds `"request_id": "<32 hex>"` at the end of a JSON object body; anything else (an
/// array, HTML, a broken body, no body) is left as it is. Spliced into the text, so every
/// digit of the numbers before it stays as written.
pub async fn with_request_id(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let Some(spliced) = splice_request_id(&bytes, &format!("{:032x}", rand::random::<u128>()))
    else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(spliced))
}

fn splice_request_id(body: &[u8], id: &str) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(body).ok()?.trim();
    if !text.starts_with('{') || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        return None;
    }
    let inner = text.strip_suffix('}')?.trim_end();
    let sep = if inner == "{" { "" } else { "," };
    Some(format!("{inner}{sep}\"request_id\":\"{id}\"}}").into_bytes())
}

#[cfg(test)]
mod tests {
    use super::splice_request_id;

    #[test]
    fn splices_into_objects_only() {
        let s =
            |b: &str| splice_request_id(b.as_bytes(), "ab").map(|v| String::from_utf8(v).unwrap());
        assert_eq!(
            s(r#"{"status":true,"data":{"amount":0.00001000},"message":""}"#).unwrap(),
            r#"{"status":true,"data":{"amount":0.00001000},"message":"","request_id":"ab"}"#
        );
        assert_eq!(s("{ }").unwrap(), r#"{"request_id":"ab"}"#);
        assert_eq!(s("[1,2]"), None);
        assert_eq!(s("{\"status\": true, \"data\": <<not json>>"), None);
        assert_eq!(s("<html></html>"), None);
        assert_eq!(s(""), None);
    }
}
