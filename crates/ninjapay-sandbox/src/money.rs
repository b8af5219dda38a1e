//! Money formatting. Amounts live as `Decimal`; on the wire they are either strings (lapi
//! records: `"0.05000000"`) or JSON numbers written as raw text (`0.00001000`), never via f64,
//! so every digit the docs show survives.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// Rounds to `dp` places and pads, so `0.00001` prints as `0.00001000` for dp = 8.
pub fn fixed(d: Decimal, dp: u32) -> Decimal {
    let mut d = d.round_dp(dp);
    d.rescale(dp);
    d
}

/// BTC amount as the lapi string form, 8 decimal places.
pub fn btc_str(d: Decimal) -> String {
    fixed(d, 8).to_string()
}

/// A decimal serialised as a JSON number with exactly its digits (through `RawValue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num(pub Decimal);

impl Num {
    pub fn dp(d: Decimal, dp: u32) -> Num {
        Num(fixed(d, dp))
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Decimal's Display never uses exponents, so this is always a valid JSON number.
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

/// Scale after stripping trailing zeros (how many decimals the value really has).
pub fn real_scale(d: Decimal) -> u32 {
    d.normalize().scale()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn keeps_digits() {
        let d = Decimal::from_str("0.00001").unwrap();
        assert_eq!(btc_str(d), "0.00001000");
        let v = serde_json::to_string(&Num::dp(d, 8)).unwrap();
        assert_eq!(v, "0.00001000");
        let neg = Decimal::from_str("-0.19362077").unwrap();
        assert_eq!(serde_json::to_string(&Num(neg)).unwrap(), "-0.19362077");
        assert_eq!(real_scale(Decimal::from_str("1.50000000").unwrap()), 1);
    }
}
