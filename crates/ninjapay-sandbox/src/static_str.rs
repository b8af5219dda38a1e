//! `&'static str` fields in saved records (`payment_mode`, `email_status`, …): a handful of
//! short constants per record. Kept apart from `persist` so the records (`state`) and the
//! state file (`persist`) do not import each other.

use serde::{Deserialize, Deserializer};

/// A `&'static str` field of a saved record (an alias, so serde does not take it for a string
/// borrowed from the input).
pub type StaticStr = &'static str;

/// Deserializes a [`StaticStr`] field by leaking it (a few bytes per record, loaded once at
/// start).
pub fn leak<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    Ok(Box::leak(s.into_boxed_str()))
}
