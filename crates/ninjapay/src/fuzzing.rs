//! Entry points for the property tests (`tests/properties.rs`) and the fuzz targets (`fuzz/`):
//! the number rewriter and every response decoder, reachable from outside the crate. Not part
//! of the client's API.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::models::*;
use crate::response;

/// The `lossless` rewrite: every JSON number token becomes a string of its digits.
pub fn quote_numbers(text: &str) -> String {
    crate::lossless::quote_numbers(text)
}

fn try_read<T: DeserializeOwned>(status: u16, body: &str) -> bool {
    response::read::<T>(status, None, body).is_ok()
}

/// Runs `body` through the decoder of every answer the client reads; returns how many accepted
/// it. Must never panic, whatever the bytes.
pub fn decode_every_answer(status: u16, body: &str) -> usize {
    [
        try_read::<Voucher>(status, body),
        try_read::<Revocation>(status, body),
        try_read::<Redemption>(status, body),
        try_read::<Order>(status, body),
        try_read::<Payment>(status, body),
        try_read::<Vec<Payment>>(status, body),
        try_read::<SendReceipt>(status, body),
        try_read::<DecodedInvoice>(status, body),
        try_read::<TokenCreated>(status, body),
        try_read::<TokenDetail>(status, body),
        try_read::<QuoteIdCreated>(status, body),
        try_read::<QuoteInvoice>(status, body),
        try_read::<Quote>(status, body),
        try_read::<WalletInfo>(status, body),
        try_read::<std::collections::BTreeMap<String, Value>>(status, body),
    ]
    .into_iter()
    .filter(|ok| *ok)
    .count()
}

/// True when `text` parses as JSON.
pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok()
}
