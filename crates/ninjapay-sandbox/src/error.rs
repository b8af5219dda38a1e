//! One error type for every ninjapay route; rendered in the host's documented error shape.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::host::Host;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Real seconds for a `Retry-After` header (429 only).
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }
    /// 400: a validation error; the message names the field.
    pub fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// api host: the envelope `{status:false,data:null,message}`; prod host: the docs' error
    /// table `{success:false,message}`.
    pub fn render(&self, host: Host) -> Response {
        let body = match host {
            Host::Api => {
                serde_json::json!({"status": false, "data": null, "message": self.message})
            }
            Host::Prod => serde_json::json!({"success": false, "message": self.message}),
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}
