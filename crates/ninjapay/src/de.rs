//! Lenient field decoders: the docs send the same field as a string on one page and a number
//! on another (see the crate docs, "Contradictions"). After [`crate::lossless`] every number
//! arrives as a string, so each decoder here accepts a string, and also a real number for input
//! that did not go through that rewrite (the UI's JSON).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Parses a decimal as written ("0.00001000", "-0.19", "1.5e-3"), keeping its scale.
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    Decimal::from_str(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// The text form of a scalar JSON value: a string's contents or a number's digits.
struct ScalarText;

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a string holding one")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // Only reached for input that skipped the lossless rewrite (e.g. a UI form value);
        // the shortest round-trip text of an f64 is what the sender typed for sane amounts.
        Ok(v.to_string())
    }
}

fn scalar_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(ScalarText)
}

/// `Decimal` from a number or a numeric string.
pub(crate) mod decimal {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = scalar_text(d)?;
        parse_decimal(&text)
            .ok_or_else(|| de::Error::custom(format!("expected a decimal amount, got {text:?}")))
    }

    pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }
}

/// `Option<Decimal>`: null, missing or an empty string are `None`.
pub(crate) mod opt_decimal {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        match Option::<Lenient>::deserialize(d)? {
            None => Ok(None),
            Some(Lenient(t)) if t.trim().is_empty() => Ok(None),
            Some(Lenient(t)) => parse_decimal(&t)
                .map(Some)
                .ok_or_else(|| de::Error::custom(format!("expected a decimal amount, got {t:?}"))),
        }
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
}

/// Writes a `Decimal` as a JSON *number* with exactly its digits (request bodies whose docs
/// show numbers), without going through `f64`.
pub(crate) fn decimal_as_number<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    raw_number(&v.to_string(), s)
}

pub(crate) fn opt_decimal_as_number<S: Serializer>(
    v: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => decimal_as_number(v, s),
        None => s.serialize_none(),
    }
}

/// Emits already-validated digits verbatim as a JSON number.
pub(crate) fn raw_number<S: Serializer>(digits: &str, s: S) -> Result<S::Ok, S::Error> {
    let raw = serde_json::value::RawValue::from_string(digits.to_owned())
        .map_err(serde::ser::Error::custom)?;
    raw.serialize(s)
}

/// Any scalar as its text; used through `Option<Lenient>` to tell null from a value.
#[derive(Debug)]
pub(crate) struct Lenient(pub(crate) String);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        scalar_text(d).map(Lenient)
    }
}

/// An integer (count, status code, seconds) from a number or a numeric string.
pub(crate) mod int {
    use super::*;

    pub(crate) fn deserialize<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr,
    {
        let text = scalar_text(d)?;
        parse_int(&text)
    }

    pub(crate) fn parse_int<T: FromStr, E: de::Error>(text: &str) -> Result<T, E> {
        let t = text.trim();
        // "100.00" is how the docs write some whole numbers.
        let t = match t.split_once('.') {
            Some((whole, frac)) if frac.bytes().all(|b| b == b'0') => whole,
            _ => t,
        };
        t.parse()
            .map_err(|_| de::Error::custom(format!("expected an integer, got {text:?}")))
    }
}

/// `Option<integer>`: null, missing or an empty string are `None`.
pub(crate) mod opt_int {
    use super::*;

    pub(crate) fn deserialize<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr,
    {
        match Option::<Lenient>::deserialize(d)? {
            None => Ok(None),
            Some(Lenient(t)) if t.trim().is_empty() => Ok(None),
            Some(Lenient(t)) => int::parse_int(&t).map(Some),
        }
    }
}

/// A `bool` that also accepts `"true"`/`"false"`, `1`/`0`; null and missing are `false`.
pub(crate) mod flag {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_none<E: de::Error>(self) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                Ok(v != 0)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" => Ok(true),
                    "false" | "0" | "no" | "" => Ok(false),
                    _ => Err(E::custom(format!("expected a boolean, got {v:?}"))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A required string field that may arrive as a number.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    scalar_text(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(with = "decimal")]
        a: Decimal,
        #[serde(default, with = "opt_decimal")]
        b: Option<Decimal>,
        #[serde(deserialize_with = "int::deserialize")]
        c: u32,
        #[serde(default, deserialize_with = "opt_int::deserialize")]
        d: Option<i64>,
        #[serde(default, deserialize_with = "flag::deserialize")]
        e: bool,
    }

    #[test]
    fn accepts_strings_numbers_and_nulls() {
        let t: T =
            serde_json::from_str(r#"{"a":"0.00001000","b":null,"c":"100.00","d":"","e":null}"#)
                .unwrap();
        assert_eq!(t.a.to_string(), "0.00001000");
        assert_eq!(t.b, None);
        assert_eq!(t.c, 100);
        assert_eq!(t.d, None);
        assert!(!t.e);
        let t: T =
            serde_json::from_str(r#"{"a":-0.5,"b":"7","c":3,"d":1714912921,"e":"true"}"#).unwrap();
        assert_eq!(t.a.to_string(), "-0.5");
        assert_eq!(t.b, Some(Decimal::from(7)));
        assert_eq!(t.d, Some(1_714_912_921));
        assert!(t.e);
    }

    #[test]
    fn rejects_text_that_is_not_a_number() {
        let err = serde_json::from_str::<T>(r#"{"a":"abc","c":1}"#)
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("expected a decimal amount"),
            "{err}"
        );
        let err = serde_json::from_str::<T>(r#"{"a":"1","c":"1.5"}"#)
            .err()
            .unwrap();
        assert!(err.to_string().contains("expected an integer"), "{err}");
    }

    #[test]
    fn numbers_are_written_with_their_exact_digits() {
        #[derive(Serialize)]
        struct B {
            #[serde(serialize_with = "decimal_as_number")]
            amount: Decimal,
        }
        let body = serde_json::to_string(&B {
            amount: Decimal::from_str("0.00001000").unwrap(),
        })
        .unwrap();
        assert_eq!(body, r#"{"amount":0.00001000}"#);
    }
}
