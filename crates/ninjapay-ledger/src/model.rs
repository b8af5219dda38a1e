//! The ledger's vocabulary: kinds of record, statuses across kinds, where an observation came
//! from, directions, and exact amounts (integer minor units beside the exact decimal text).

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database and sent to the UI.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }

            /// Reads the stored text.
            pub fn parse(text: &str) -> Result<$name> {
                match text {
                    $( $text => Ok($name::$variant), )+
                    other => Err(Error::invalid(format!(
                        concat!("Unknown ", stringify!($name), " {:?}."), other
                    ))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                $name::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

text_enum! {
    /// What a record is. The texts are the UI's kinds (`ui/js/recent.js`).
    pub enum Kind {
        /// A withdraw-voucher batch.
        Voucher = "voucher",
        /// A Lightning payment, received or sent.
        Payment = "payment",
        /// A fiat-bridge quote (a payout to a UPI id or ninjatag).
        Quote = "quote",
        /// A widget token.
        Token = "token",
        /// A spot-trade order.
        Order = "order",
    }
}

text_enum! {
    /// Where a record stands, across kinds.
    pub enum Status {
        /// Payment, token or quote not settled yet.
        Pending = "pending",
        /// Payment or token settled.
        Paid = "paid",
        /// Payment or token refused or failed.
        Declined = "declined",
        /// Invoice, quote or voucher batch past its expiry.
        Expired = "expired",
        /// Quote delivered (INR sent).
        Success = "success",
        /// Quote failed.
        Failed = "failed",
        /// Quote refunded.
        Refunded = "refunded",
        /// Voucher batch with codes still redeemable; order with nothing filled yet.
        Open = "open",
        /// Every code of a voucher batch redeemed.
        Redeemed = "redeemed",
        /// Voucher batch or order revoked.
        Revoked = "revoked",
        /// Order partly filled.
        PartiallyFilled = "partially_filled",
        /// Order completely filled.
        Filled = "filled",
        /// Not known: imported from a list that kept no state, or a value Ninjapay never
        /// documented (the server's text is in `raw_status`).
        Unknown = "unknown",
    }
}

impl Status {
    /// True when it will not change any more.
    pub fn is_final(self) -> bool {
        !matches!(
            self,
            Status::Pending | Status::Open | Status::PartiallyFilled | Status::Unknown
        )
    }
}

text_enum! {
    /// How an observation reached the ledger.
    pub enum Origin {
        /// The answer to a request that created it (receive, send, request voucher, …).
        Created = "created",
        /// A lookup by the user (check voucher, check payment, history, …).
        LookedUp = "looked_up",
        /// A check by the background watcher.
        Watched = "watched",
        /// Imported from what the app kept before the ledger (recent activity, watch store).
        Imported = "imported",
    }
}

text_enum! {
    /// Money coming in or going out.
    pub enum Direction {
        /// Received.
        In = "in",
        /// Sent (payments out, payouts through the bridge, offramp tokens).
        Out = "out",
    }
}

text_enum! {
    /// What the counterparty text is.
    pub enum CounterpartyKind {
        /// A Ninjapay username.
        Ninjatag = "ninjatag",
        /// A UPI id (`shop@upi`).
        Upi = "upi",
        /// An email address.
        Email = "email",
        /// A name (a payment's `customer_name`).
        Name = "name",
    }
}

text_enum! {
    /// The bucket size of a report over time.
    pub enum Bucket {
        /// One row per day.
        Day = "day",
        /// One row per week, Monday to Sunday.
        Week = "week",
        /// One row per calendar month.
        Month = "month",
    }
}

/// Satoshis in one bitcoin.
pub const SATS_PER_BTC: i64 = 100_000_000;

/// BTC → sats, rounded half away from zero to a whole satoshi (Ninjapay amounts have at most
/// 8 decimals, so nothing is rounded in practice; the exact text is kept beside it anyway).
/// `None` beyond the `i64` range.
pub fn btc_to_sats(btc: Decimal) -> Option<i64> {
    (btc * Decimal::from(SATS_PER_BTC))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
}

/// Sats → BTC, exact, with 8 decimals.
pub fn sats_to_btc(sats: i64) -> Decimal {
    Decimal::new(sats, 8)
}

/// An amount in hundredths (paise for INR, cents for USD), rounded half away from zero.
pub fn to_minor_2(amount: Decimal) -> Option<i64> {
    (amount * Decimal::from(100))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
}

/// Hundredths → the amount with 2 decimals.
pub fn minor_2_to_decimal(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

/// Serde for `Decimal` as its exact text (`"0.00000100"`), the way the client sends amounts.
pub mod serde_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the exact text.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    /// Reads text (or a JSON string of digits).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        text.trim().parse().map_err(serde::de::Error::custom)
    }

    /// The same for `Option<Decimal>`.
    pub mod option {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the exact text or `null`.
        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_str(&d.to_string()),
                None => s.serialize_none(),
            }
        }

        /// Reads text or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            match Option::<String>::deserialize(d)? {
                Some(t) => t.trim().parse().map(Some).map_err(serde::de::Error::custom),
                None => Ok(None),
            }
        }
    }
}

/// Reads a decimal stored as text.
pub(crate) fn parse_decimal(text: &str) -> rusqlite::Result<Decimal> {
    text.parse().map_err(|e: rust_decimal::Error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_are_exact() {
        let one_sat: Decimal = "0.00000001".parse().unwrap();
        assert_eq!(btc_to_sats(one_sat), Some(1));
        assert_eq!(btc_to_sats(one_sat * Decimal::from(100)), Some(100));
        assert_eq!(sats_to_btc(100).to_string(), "0.00000100");
        assert_eq!(
            btc_to_sats("21000000".parse().unwrap()),
            Some(2_100_000_000_000_000)
        );
        assert_eq!(to_minor_2("4000.22".parse().unwrap()), Some(400_022));
        assert_eq!(minor_2_to_decimal(400_022).to_string(), "4000.22");
        assert_eq!(
            Status::parse("partially_filled").unwrap(),
            Status::PartiallyFilled
        );
        assert!(Status::parse("nope").is_err());
        assert!(Status::Redeemed.is_final() && !Status::Open.is_final());
        assert_eq!(
            serde_json::to_string(&Origin::LookedUp).unwrap(),
            "\"looked_up\""
        );
    }
}
