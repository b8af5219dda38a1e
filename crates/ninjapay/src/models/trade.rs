//! Spot trade: asset balances and orders.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Other;
use crate::de;
use std::collections::BTreeMap;

use crate::ids::{Tid, Timestamp};
use crate::status::{EmailStatus, OrderType};

/// Asset Balances (`GET /tapi/v1/assetBalance`): asset name → balance. Assets appear only when
/// the server lists them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AssetBalances {
    /// `lbtc`, `btc`, `eth`, `sol`, `ltc`, `matic`, … → amount in that asset's units.
    pub balances: BTreeMap<String, Decimal>,
    /// The envelope's message, e.g. `"last updated at 2:42pm, 12Jan 24"`.
    pub updated: Option<String>,
    /// Entries that are not amounts (a null balance, an envelope's extra fields).
    #[serde(default, skip_serializing_if = "Other::is_empty")]
    pub other: Other,
}

/// A spot-trade order (Check Order). The docs give it no status: see [`Order::state`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Order {
    /// The order's id.
    pub tid: Tid,
    /// When it was placed.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// When it executed.
    #[serde(default)]
    pub executed_at: Option<Timestamp>,
    /// `buy` or `sell`.
    #[serde(rename = "type")]
    pub order_type: OrderType,
    /// The asset traded, e.g. `BTC`.
    #[serde(default)]
    pub asset: Option<String>,
    /// Quantity placed.
    #[serde(default, with = "de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// Limit price.
    #[serde(default, with = "de::opt_decimal")]
    pub price: Option<Decimal>,
    /// Price it executed at.
    #[serde(default, with = "de::opt_decimal")]
    pub executed_price: Option<Decimal>,
    /// Fee, always in the traded asset.
    #[serde(default, with = "de::opt_decimal")]
    pub fee: Option<Decimal>,
    /// Fee as a percentage.
    #[serde(default, with = "de::opt_decimal")]
    pub fee_percent: Option<Decimal>,
    /// Quantity filled.
    #[serde(default, with = "de::opt_decimal")]
    pub filled_amount: Option<Decimal>,
    /// Percentage filled.
    #[serde(default, with = "de::opt_decimal")]
    pub filled_percent: Option<Decimal>,
    /// Placed amount minus the fee.
    #[serde(default, with = "de::opt_decimal")]
    pub total_received: Option<Decimal>,
    /// The asset received (`reveived_asset` in the docs, *sic*; both spellings read).
    #[serde(default, rename = "received_asset", alias = "reveived_asset")]
    pub received_asset: Option<String>,
    /// Amount paid.
    #[serde(default, with = "de::opt_decimal")]
    pub total_paid: Option<Decimal>,
    /// The asset paid.
    #[serde(default)]
    pub paid_asset: Option<String>,
    /// Free text, e.g. `"Plugin: Strike to US"`.
    #[serde(default)]
    pub note: Option<String>,
    /// Who was emailed.
    #[serde(default)]
    pub receiver_email: Option<String>,
    /// Whether the email went out.
    #[serde(default)]
    pub email_status: Option<EmailStatus>,
    /// Whether it was revoked.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// Free-form (an array in the docs).
    #[serde(default)]
    pub extra: Option<Value>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// Where an order stands, derived from `revoked`, `filled_percent` and `executed_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Nothing filled yet.
    Open,
    /// Partly filled.
    PartiallyFilled,
    /// Completely filled.
    Filled,
    /// Revoked.
    Revoked,
}

impl Order {
    /// The order's state, which the API does not state outright.
    pub fn state(&self) -> OrderState {
        let hundred = Decimal::from(100);
        match (self.revoked, self.filled_percent) {
            (true, _) => OrderState::Revoked,
            (false, Some(p)) if p >= hundred => OrderState::Filled,
            (false, Some(p)) if p > Decimal::ZERO => OrderState::PartiallyFilled,
            (false, None) if self.executed_at.is_some() => OrderState::Filled,
            _ => OrderState::Open,
        }
    }
}
