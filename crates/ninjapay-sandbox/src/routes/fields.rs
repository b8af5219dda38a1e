//! Validation shared by several endpoints: BTC amounts, URLs, ninjatags, fiat values, and the
//! insufficient-balance error.

use rust_decimal::Decimal;

use crate::error::{ApiError, ApiResult};
use crate::money::{btc_str, real_scale};
use crate::params::Params;

/// A BTC amount: > 0, at most 8 decimals (satoshis), at most 21,000,000.
pub fn btc_amount(name: &str, d: Decimal) -> ApiResult<Decimal> {
    if d <= Decimal::ZERO {
        return Err(ApiError::bad(format!("{name} must be greater than 0")));
    }
    if real_scale(d) > 8 {
        return Err(ApiError::bad(format!(
            "{name} must have at most 8 decimal places (1 satoshi)"
        )));
    }
    if d > Decimal::from(21_000_000) {
        return Err(ApiError::bad(format!(
            "{name} is larger than 21,000,000 BTC"
        )));
    }
    Ok(d)
}

/// An optional http(s) URL.
pub fn url_field(p: &Params, name: &str) -> ApiResult<Option<String>> {
    let v = p.opt_nonempty(name)?;
    if let Some(u) = &v {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return Err(ApiError::bad(format!("{name} must be an http(s) URL")));
        }
    }
    Ok(v)
}

/// A ninjatag username, with or without its `@`.
pub fn ninjatag_field(name: &str, raw: &str) -> ApiResult<String> {
    let tag = raw.trim().trim_start_matches('@');
    if tag.is_empty()
        || tag.len() > 64
        || !tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        return Err(ApiError::bad(format!(
            "{name} must be a ninjatag username (letters, digits, _ . -)"
        )));
    }
    Ok(tag.to_string())
}

/// The optional, non-negative `fiat_value`.
pub fn fiat_value(p: &Params) -> ApiResult<Option<Decimal>> {
    let v = p.opt_decimal("fiat_value")?;
    if v.is_some_and(|v| v.is_sign_negative()) {
        return Err(ApiError::bad("fiat_value must not be negative"));
    }
    Ok(v)
}

/// 400: the wallet cannot pay `needed`.
pub fn insufficient(needed: Decimal, balance: Decimal, what: &str) -> ApiError {
    ApiError::bad(format!(
        "insufficient balance: {what} needs {} BTC but the wallet holds {} BTC",
        btc_str(needed),
        btc_str(balance)
    ))
}
