//! Success bodies: the api host's envelope and the prod host's bare objects.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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
