//! Turning an HTTP answer into data or an [`Error`]: enveloped (`{status,data,message}`) or
//! bare bodies, error bodies in every shape the docs and Ninjapay's own code show.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;
use crate::lossless::quote_numbers;

/// A decoded answer and the envelope's `message`, which some endpoints use for information
/// ("Paid", "last updated at 2:42pm").
#[derive(Debug)]
pub(crate) struct Reply<T> {
    pub(crate) data: T,
    pub(crate) message: Option<String>,
}

/// Where the envelope's own extra fields (`request_id`, …) are kept: merged into an object
/// payload under this key, so a model's "other fields" (and the UI's "All fields") show them.
pub const ENVELOPE_EXTRA_KEY: &str = "envelope";

/// Reads a finished HTTP exchange.
pub(crate) fn read<T: DeserializeOwned>(
    status: u16,
    retry_after: Option<Duration>,
    body: &str,
) -> Result<Reply<T>, Error> {
    if !(200..300).contains(&status) {
        return Err(error_for_status(status, retry_after, body));
    }
    let value: Value = serde_json::from_str(&quote_numbers(body)).map_err(|e| Error::Decode {
        path: String::new(),
        message: if body.trim().is_empty() {
            "Ninjapay sent an empty answer".to_owned()
        } else if e.is_eof() {
            format!("Ninjapay's answer was cut short ({e})")
        } else {
            format!("Ninjapay's answer is not valid JSON ({e})")
        },
    })?;
    let (payload, message, prefix) = unwrap_envelope(value)?;
    let data = serde_path_to_error::deserialize(payload).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (prefix, inner.as_str()) {
            ("", p) => p.to_owned(),
            (pre, ".") => pre.to_owned(),
            (pre, p) => format!("{pre}.{p}"),
        };
        Error::Decode {
            message: format!(
                "Ninjapay's answer has an unexpected field {path}: {}",
                e.inner()
            ),
            path,
        }
    })?;
    Ok(Reply { data, message })
}

/// `true`/`false` as a JSON bool or the strings "true"/"false" (an envelope flag).
fn flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Splits `{status, data, message}` into its parts; a bare body is its own payload.
///
/// An object is an envelope when it has `data` and a `status`/`success` flag or a `message`
/// (or `data` alone, the docs' error-page form), whatever else sits beside them: servers add
/// fields such as `request_id`. Those extra fields are kept under [`ENVELOPE_EXTRA_KEY`] in an
/// object payload. A payment record's own `status` is a word (`"paid"`), never a flag, so a
/// bare record is not mistaken for an envelope. A body whose flag says `false` is a refusal
/// whatever the HTTP status was.
fn unwrap_envelope(value: Value) -> Result<(Value, Option<String>, &'static str), Error> {
    let Value::Object(mut map) = value else {
        return Ok((value, None, ""));
    };
    let message = map
        .get("message")
        .and_then(Value::as_str)
        .filter(|m| !m.trim().is_empty())
        .map(str::to_owned);
    let status = flag(map.get("status"));
    let success = flag(map.get("success"));
    if status == Some(false) || success == Some(false) {
        return Err(Error::Validation {
            field: message.as_deref().and_then(guess_field),
            message: refusal("Ninjapay refused the request", message.as_deref()),
            broken: None,
        });
    }
    let is_envelope = map.contains_key("data")
        && (status.is_some() || success.is_some() || map.contains_key("message") || map.len() == 1);
    if !is_envelope {
        return Ok((Value::Object(map), None, ""));
    }
    let mut data = map.remove("data").unwrap_or(Value::Null);
    for key in ["status", "success", "message"] {
        map.remove(key);
    }
    if !map.is_empty() {
        match &mut data {
            Value::Object(payload) if !payload.contains_key(ENVELOPE_EXTRA_KEY) => {
                payload.insert(ENVELOPE_EXTRA_KEY.to_owned(), Value::Object(map));
            }
            _ => tracing::debug!(
                fields = ?map.keys().collect::<Vec<_>>(),
                "extra envelope fields beside a payload that cannot hold them"
            ),
        }
    }
    Ok((data, message, "data"))
}

/// The error for a non-2xx answer.
pub(crate) fn error_for_status(status: u16, retry_after: Option<Duration>, body: &str) -> Error {
    let said = server_message(body);
    let said = said.as_deref();
    match status {
        400 | 422 => Error::Validation {
            field: said.and_then(guess_field),
            message: refusal("Ninjapay refused the request", said),
            broken: None,
        },
        401 => Error::Unauthorized {
            message: refusal("Ninjapay did not accept the API key (HTTP 401)", said),
        },
        403 => Error::Forbidden {
            message: refusal("This key is not allowed to do that (HTTP 403)", said),
        },
        404 => Error::NotFound {
            message: refusal("Not found (HTTP 404)", said),
        },
        429 => Error::RateLimited {
            retry_after,
            message: refusal(
                &match retry_after {
                    Some(d) => format!(
                        "Too many requests: Ninjapay asks to wait {} s (HTTP 429)",
                        d.as_secs()
                    ),
                    None => "Too many requests (HTTP 429)".to_owned(),
                },
                said,
            ),
        },
        s => Error::Server {
            status: s,
            message: refusal(&format!("Ninjapay failed (HTTP {s})"), said),
        },
    }
}

fn refusal(what: &str, said: Option<&str>) -> String {
    match said {
        Some(said) => format!("{what}: {said}"),
        None => what.to_owned(),
    }
}

/// The server's own words from an error body: a JSON `message`/`error`, the title or heading of
/// an HTML page, or plain text, shortened to a sentence or two.
pub(crate) fn server_message(body: &str) -> Option<String> {
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(body) {
        return ["message", "error", "msg", "detail"]
            .iter()
            .find_map(|k| match map.get(*k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(Value::Object(inner)) => inner
                    .get("message")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                _ => None,
            })
            .map(|s| shorten(&s));
    }
    let lower = body.to_ascii_lowercase();
    if lower.starts_with('<') || lower.contains("<html") {
        let pick = |tag: &str| {
            let open = lower.find(&format!("<{tag}"))?;
            let start = open + lower[open..].find('>')? + 1;
            let end = start + lower[start..].find(&format!("</{tag}"))?;
            Some(body[start..end].to_owned())
        };
        let text = pick("title")
            .or_else(|| pick("h1"))
            .unwrap_or_else(|| strip_tags(body));
        let text = shorten(&strip_tags(&text));
        return (!text.is_empty()).then_some(text);
    }
    Some(shorten(body))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// A server message that starts with a field name ("voucher_count must be …") names that field.
fn guess_field(message: &str) -> Option<String> {
    let first = message.split_whitespace().next()?;
    let first = first.trim_end_matches([':', ',', '.']);
    (first.contains('_') && first.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[derive(Debug, serde::Deserialize)]
    struct Tid {
        tid: String,
    }

    #[test]
    fn enveloped_and_bare_bodies() {
        let r: Reply<Tid> = read(
            200,
            None,
            r#"{"status":true,"data":{"tid":"128390A389H2920"},"message":"Paid"}"#,
        )
        .unwrap();
        assert_eq!(r.data.tid, "128390A389H2920");
        assert_eq!(r.message.as_deref(), Some("Paid"));
        let r: Reply<Tid> = read(201, None, r#"{"tid": 198660213997}"#).unwrap();
        assert_eq!(r.data.tid, "198660213997");
        assert_eq!(r.message, None);
        // The error page's `{data: {...}}` form.
        let r: Reply<Tid> = read(200, None, r#"{"data":{"tid":"X1"}}"#).unwrap();
        assert_eq!(r.data.tid, "X1");
    }

    #[test]
    fn envelopes_with_more_fields_are_still_envelopes() {
        // What a third-party stand-in sent for assetBalance and history.
        let r: Reply<Value> = read(
            200,
            None,
            r#"{"status":true,"data":{"btc":"0.5"},"message":"ok","request_id":"r-1","took_ms":3}"#,
        )
        .unwrap();
        assert_eq!(
            r.data,
            serde_json::json!({"btc":"0.5","envelope":{"request_id":"r-1","took_ms":"3"}})
        );
        assert_eq!(r.message.as_deref(), Some("ok"));
        let r: Reply<Vec<Tid>> = read(
            200,
            None,
            r#"{"status":"true","data":[{"tid":"A"},{"tid":"B"}],"request_id":"r-2"}"#,
        )
        .unwrap();
        assert_eq!(r.data.len(), 2);
        // A bare payment record: its `status` is a word, and `data`-less objects are bare.
        let r: Reply<Value> =
            read(200, None, r#"{"tid":"T1","status":"paid","message":"x"}"#).unwrap();
        assert_eq!(r.data["status"], "paid");
        // A refusal with extra fields is still a refusal.
        let e = read::<Value>(
            200,
            None,
            r#"{"success":false,"message":"Invalid tid","request_id":"r-3"}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), "validation");
    }

    #[test]
    fn refusals_in_every_documented_shape() {
        let e = read::<Tid>(
            200,
            None,
            r#"{"status":false,"data":null,"message":"Invalid tid"}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            ("validation", "Ninjapay refused the request: Invalid tid")
        );
        let e = read::<Tid>(
            400,
            None,
            r#"{ "success": false, "message": "voucher_count must be between 1 and 100" }"#,
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("voucher_count"));
        let e = read::<Tid>(404, None, "no such voucher").unwrap_err();
        assert_eq!(e.to_string(), "Not found (HTTP 404): no such voucher");
        let e = read::<Tid>(502, None, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>").unwrap_err();
        assert_eq!(e.code(), "server");
        assert_eq!(e.to_string(), "Ninjapay failed (HTTP 502): 502 Bad Gateway");
        let e = read::<Tid>(429, Some(Duration::from_secs(3600)), "").unwrap_err();
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
        assert_eq!(
            e.to_string(),
            "Too many requests: Ninjapay asks to wait 3600 s (HTTP 429)"
        );
        assert_eq!(
            read::<Tid>(401, None, "{}").unwrap_err().code(),
            "unauthorized"
        );
        assert_eq!(read::<Tid>(403, None, "").unwrap_err().code(), "forbidden");
    }

    #[test]
    fn broken_bodies_are_decode_errors_with_a_path() {
        let e = read::<Tid>(200, None, r#"{"status":true,"data":{"tid":"12"#).unwrap_err();
        assert_eq!(e.code(), "decode");
        assert!(e.to_string().contains("cut short"), "{e}");
        let e = read::<Tid>(200, None, "Service Unavailable").unwrap_err();
        assert!(e.to_string().contains("not valid JSON"), "{e}");
        let e = read::<Tid>(
            200,
            None,
            r#"{"status":true,"data":{"tid":null},"message":""}"#,
        )
        .unwrap_err();
        match e {
            Error::Decode { path, .. } => assert_eq!(path, "data.tid"),
            other => panic!("{other:?}"),
        }
    }
}
