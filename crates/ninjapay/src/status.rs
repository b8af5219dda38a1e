//! Status enums with an `Unknown(String)` fallback, so a value the docs never listed decodes
//! instead of failing the whole response.

/// Defines a string enum: known values (matched case-insensitively, with aliases) plus
/// `Unknown(String)` keeping whatever else the server sent.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value the docs do not list, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The canonical text of a known value, or the text that was sent.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Unknown(s) => s,
                }
            }

            /// Reads a value; anything unlisted becomes `Unknown`.
            pub fn from_text(text: &str) -> Self {
                let lower = text.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $( $text $(| $alias)* => $name::$variant, )+
                    _ => $name::Unknown(text.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let crate::de::Lenient(text) = serde::Deserialize::deserialize(d)?;
                Ok($name::from_text(&text))
            }
        }
    };
}

string_enum! {
    /// A Lightning payment's state (`undefined` is a literal value the docs list).
    pub enum PaymentStatus {
        /// Ninjapay has not set a state yet.
        Undefined = "undefined",
        /// Waiting for the payer.
        Pending = "pending",
        /// Refused or failed.
        Declined = "declined" | "failed",
        /// Settled.
        Paid = "paid" | "success" | "completed",
        /// The invoice expired unpaid. Not in the docs' list; the sandbox sends it, and a
        /// watcher also treats an invoice past `lightning_invoice.expires_at` this way.
        Expired = "expired",
    }
}

impl Default for PaymentStatus {
    fn default() -> Self {
        PaymentStatus::Undefined
    }
}

impl PaymentStatus {
    /// True for states that will not change again.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Declined | Self::Paid | Self::Expired)
    }
}

string_enum! {
    /// A bridge quote's state. The docs show two sets on one page
    /// (`pending/success/failed/expired/refunded` and `Pending/Completed/Failed`): both are read,
    /// `Completed` as `Success`.
    pub enum QuoteStatus {
        /// Waiting for the crypto payment or the UPI transfer.
        Pending = "pending",
        /// INR delivered to the UPI id.
        Success = "success" | "completed",
        /// The transfer failed.
        Failed = "failed",
        /// Not paid before `expires_at`.
        Expired = "expired",
        /// Paid, but the UPI leg failed and the crypto went back to the refund wallet.
        Refunded = "refunded",
    }
}

impl QuoteStatus {
    /// True for states that will not change again.
    pub fn is_final(&self) -> bool {
        !matches!(self, Self::Pending | Self::Unknown(_))
    }
}

string_enum! {
    /// Whether an email about a voucher or order went out.
    pub enum EmailStatus {
        /// Sent.
        Success = "success",
        /// Queued.
        Pending = "pending",
        /// No email was asked for.
        Undefined = "undefined",
    }
}

string_enum! {
    /// The side of a spot-trade order.
    pub enum OrderType {
        /// Buying `asset`.
        Buy = "buy",
        /// Selling `asset`.
        Sell = "sell",
    }
}

string_enum! {
    /// Which way a widget token moves money.
    pub enum WidgetMode {
        /// The customer pays in (receive).
        Onramp = "onramp",
        /// The customer withdraws (send).
        Offramp = "offramp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_aliases_and_unknown_ones() {
        let s: QuoteStatus = serde_json::from_str(r#""Completed""#).unwrap();
        assert_eq!(s, QuoteStatus::Success);
        assert!(s.is_final());
        let s: PaymentStatus = serde_json::from_str(r#""undefined""#).unwrap();
        assert_eq!(s, PaymentStatus::Undefined);
        assert!(!s.is_final());
        let s: PaymentStatus = serde_json::from_str(r#""on_hold""#).unwrap();
        assert_eq!(s, PaymentStatus::Unknown("on_hold".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""on_hold""#);
        assert_eq!(serde_json::to_string(&PaymentStatus::Paid).unwrap(), r#""paid""#);
    }
}
