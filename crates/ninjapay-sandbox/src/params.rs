//! Reading request parameters. The docs send GET parameters as a JSON body (`GET` with
//! `body: '{"tid": "…"}'`), a browser or proxy would rather use the query string: both work, and
//! when both carry a field, the query wins. Values are kept as raw JSON text so numbers reach
//! `Decimal` with all their digits (no f64 on the way in either).

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use crate::error::{ApiError, ApiResult};

#[derive(Debug, Default)]
pub struct Params {
    query: Vec<(String, String)>,
    body: BTreeMap<String, Box<RawValue>>,
}

enum Raw<'a> {
    Query(&'a str),
    Json(&'a str),
}

impl Params {
    /// Parses an already split query and a raw body. An empty body is fine; anything else must
    /// be a JSON object.
    pub fn parse(query: Vec<(String, String)>, body: &[u8]) -> ApiResult<Params> {
        let body = if body.iter().all(|b| b.is_ascii_whitespace()) {
            BTreeMap::new()
        } else {
            match serde_json::from_slice::<BTreeMap<String, Box<RawValue>>>(body) {
                Ok(map) => map,
                Err(e) => {
                    return Err(
                        if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
                            ApiError::bad("request body must be a JSON object")
                        } else {
                            ApiError::bad(format!("request body is not valid JSON: {e}"))
                        },
                    )
                }
            }
        };
        Ok(Params { query, body })
    }

    fn get(&self, name: &str) -> Option<Raw<'_>> {
        if let Some((_, v)) = self.query.iter().find(|(k, _)| k == name) {
            return Some(Raw::Query(v));
        }
        match self.body.get(name).map(|r| r.get().trim()) {
            None | Some("null") => None,
            Some(v) => Some(Raw::Json(v)),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A string field. JSON numbers are accepted and kept as their text (e.g. `order_id: 210`).
    pub fn opt_str(&self, name: &str) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Raw::Query(v)) => Ok(Some(v.to_string())),
            Some(Raw::Json(v)) => {
                if v.starts_with('"') {
                    serde_json::from_str::<String>(v)
                        .map(Some)
                        .map_err(|_| ApiError::bad(format!("{name} must be a string")))
                } else if is_json_number(v) {
                    Ok(Some(v.to_string()))
                } else {
                    Err(ApiError::bad(format!("{name} must be a string")))
                }
            }
        }
    }

    /// A required, non-empty string field.
    pub fn req_str(&self, name: &str) -> ApiResult<String> {
        match self.opt_str(name)? {
            Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            _ => Err(ApiError::bad(format!("{name} is required"))),
        }
    }

    /// A non-empty string or `None` (empty strings count as absent).
    pub fn opt_nonempty(&self, name: &str) -> ApiResult<Option<String>> {
        Ok(self
            .opt_str(name)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    /// A decimal from a JSON number or a numeric string (the docs use both).
    pub fn opt_decimal(&self, name: &str) -> ApiResult<Option<Decimal>> {
        let text = match self.get(name) {
            None => return Ok(None),
            Some(Raw::Query(v)) => v.trim().to_string(),
            Some(Raw::Json(v)) if v.starts_with('"') => serde_json::from_str::<String>(v)
                .map_err(|_| ApiError::bad(format!("{name} must be a number")))?
                .trim()
                .to_string(),
            Some(Raw::Json(v)) if is_json_number(v) => v.to_string(),
            Some(Raw::Json(_)) => return Err(ApiError::bad(format!("{name} must be a number"))),
        };
        if text.is_empty() {
            return Ok(None);
        }
        parse_decimal(&text)
            .map(Some)
            .ok_or_else(|| ApiError::bad(format!("{name} must be a number, got {text:?}")))
    }

    pub fn req_decimal(&self, name: &str) -> ApiResult<Decimal> {
        self.opt_decimal(name)?
            .ok_or_else(|| ApiError::bad(format!("{name} is required")))
    }

    /// A whole, non-negative number (JSON number or numeric string).
    pub fn opt_u64(&self, name: &str) -> ApiResult<Option<u64>> {
        let Some(d) = self.opt_decimal(name).map_err(|_| whole(name))? else {
            return Ok(None);
        };
        if d.fract() != Decimal::ZERO || d.is_sign_negative() && !d.is_zero() {
            return Err(whole(name));
        }
        u64::from_str(&d.trunc().to_string())
            .map(Some)
            .map_err(|_| whole(name))
    }

    pub fn opt_bool(&self, name: &str) -> ApiResult<Option<bool>> {
        let text = match self.get(name) {
            None => return Ok(None),
            Some(Raw::Query(v)) => v.to_ascii_lowercase(),
            Some(Raw::Json(v)) if v.starts_with('"') => serde_json::from_str::<String>(v)
                .unwrap_or_default()
                .to_ascii_lowercase(),
            Some(Raw::Json(v)) => v.to_string(),
        };
        match text.as_str() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            _ => Err(ApiError::bad(format!("{name} must be true or false"))),
        }
    }

    /// A free-form JSON object (`extra`), echoed back as given.
    pub fn opt_object(&self, name: &str) -> ApiResult<Option<serde_json::Value>> {
        let text = match self.get(name) {
            None => return Ok(None),
            Some(Raw::Query(v)) | Some(Raw::Json(v)) => v,
        };
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v @ serde_json::Value::Object(_)) => Ok(Some(v)),
            _ => Err(ApiError::bad(format!("{name} must be a JSON object"))),
        }
    }

    /// An api-host tid: a string, or a number (kept as its digits).
    pub fn tid_str(&self, name: &str) -> ApiResult<String> {
        self.req_str(name)
    }

    /// A prod-host tid: an integer, or a string of digits.
    pub fn tid_int(&self, name: &str) -> ApiResult<u64> {
        if !self.has(name) {
            return Err(ApiError::bad(format!("{name} is required")));
        }
        self.opt_u64(name)?
            .ok_or_else(|| ApiError::bad(format!("{name} is required")))
    }
}

fn whole(name: &str) -> ApiError {
    ApiError::bad(format!("{name} must be a whole non-negative number"))
}

fn is_json_number(v: &str) -> bool {
    v.starts_with(|c: char| c == '-' || c.is_ascii_digit())
}

/// Plain (`0.0018`) or scientific (`1e-5`) notation; `None` if it is not a number or too big.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() || t.starts_with('+') {
        return None;
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        Decimal::from_str(t).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &[(&str, &str)], body: &str) -> Params {
        let q = q
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Params::parse(q, body.as_bytes()).unwrap()
    }

    #[test]
    fn query_wins_over_body() {
        let ps = p(&[("tid", "Q")], r#"{"tid":"B","limit":5}"#);
        assert_eq!(ps.tid_str("tid").unwrap(), "Q");
        assert_eq!(ps.opt_u64("limit").unwrap(), Some(5));
    }

    #[test]
    fn numbers_keep_digits() {
        let ps = p(
            &[],
            r#"{"a":0.00001000,"b":"0.0018","c":1e-5,"d":true,"e":-1}"#,
        );
        assert_eq!(ps.req_decimal("a").unwrap().to_string(), "0.00001000");
        assert_eq!(ps.req_decimal("b").unwrap().to_string(), "0.0018");
        assert_eq!(ps.req_decimal("c").unwrap().to_string(), "0.00001");
        assert!(ps.req_decimal("d").unwrap_err().message.contains('d'));
        assert!(ps.opt_u64("e").is_err());
        assert!(ps
            .req_decimal("missing")
            .unwrap_err()
            .message
            .contains("missing"));
    }

    #[test]
    fn tids_as_string_or_number() {
        let ps = p(
            &[],
            r#"{"tid": 21066027789, "s": "21066027789", "x": "abc"}"#,
        );
        assert_eq!(ps.tid_int("tid").unwrap(), 21066027789);
        assert_eq!(ps.tid_int("s").unwrap(), 21066027789);
        assert!(ps.tid_int("x").is_err());
        assert_eq!(ps.tid_str("tid").unwrap(), "21066027789");
    }

    #[test]
    fn bad_bodies() {
        assert!(Params::parse(vec![], b"{nope")
            .unwrap_err()
            .message
            .contains("JSON"));
        assert!(Params::parse(vec![], b"[1]")
            .unwrap_err()
            .message
            .contains("object"));
        assert!(Params::parse(vec![], b"  ").is_ok());
    }
}
