//! Spot-trade orders (§4.4). There is no documented way to place one, so the sandbox only has
//! seeded orders; an order's `filled_percent` rises linearly from `start_pct` at `fill_from`
//! to `end_pct` at `fill_until` (`executed_at` is set when it reaches 100).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{fixed, Num};
use crate::static_str::{leak, StaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Buy,
    Sell,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Order {
    pub tid: String,
    pub created_at: i64,
    pub side: Side,
    #[serde(deserialize_with = "leak")]
    pub asset: StaticStr,
    pub amount: Decimal,
    pub price: Decimal,
    pub fee_percent: Decimal,
    /// Decimals used for `fee` (the docs' sample shows `"0.10"`).
    pub fee_dp: u32,
    pub fill_from: i64,
    pub fill_until: i64,
    pub start_pct: Decimal,
    pub end_pct: Decimal,
    pub filled_percent: Decimal,
    pub executed_at: Option<i64>,
    #[serde(deserialize_with = "leak")]
    pub note: StaticStr,
    #[serde(deserialize_with = "leak")]
    pub receiver_email: StaticStr,
    #[serde(deserialize_with = "leak")]
    pub email_status: StaticStr,
    pub revoked: bool,
    pub revoked_at: Option<i64>,
}

impl Order {
    pub fn tick(&mut self, now: i64) {
        if self.revoked || self.executed_at.is_some() {
            return;
        }
        let pct = if now >= self.fill_until {
            self.end_pct
        } else if now <= self.fill_from {
            self.start_pct
        } else {
            let span = Decimal::from(self.fill_until - self.fill_from);
            let done = Decimal::from(now - self.fill_from);
            self.start_pct + (self.end_pct - self.start_pct) * done / span
        };
        self.filled_percent = fixed(pct.min(Decimal::ONE_HUNDRED), 2);
        if self.filled_percent >= Decimal::ONE_HUNDRED {
            self.executed_at = Some(self.fill_until.min(now));
        }
    }

    pub fn fill_now(&mut self, now: i64) {
        self.filled_percent = fixed(Decimal::ONE_HUNDRED, 2);
        self.executed_at = Some(now);
    }

    pub fn revoke(&mut self, now: i64) -> Result<(), &'static str> {
        if self.revoked {
            return Err("is already revoked");
        }
        if self.executed_at.is_some() {
            return Err("is fully filled and can no longer be revoked");
        }
        self.revoked = true;
        self.revoked_at = Some(now);
        Ok(())
    }

    pub fn view(&self) -> OrderView<'_> {
        let fee = self.amount * self.fee_percent / Decimal::ONE_HUNDRED;
        let quote_total = self.amount * self.price;
        let (total_received, received, total_paid, paid) = match self.side {
            Side::Buy => (self.amount - fee, self.asset, quote_total, "USDT"),
            Side::Sell => (
                quote_total * (Decimal::ONE - self.fee_percent / Decimal::ONE_HUNDRED),
                "USDT",
                self.amount,
                self.asset,
            ),
        };
        OrderView {
            tid: &self.tid,
            created_at: self.created_at,
            executed_at: self.executed_at,
            kind: match self.side {
                Side::Buy => "buy",
                Side::Sell => "sell",
            },
            asset: self.asset,
            amount: fixed(self.amount, 8).to_string(),
            price: fixed(self.price, 2).to_string(),
            executed_price: fixed(self.price, 2).to_string(),
            fee: fixed(fee, self.fee_dp).to_string(),
            fee_percent: Num::dp(self.fee_percent, 2),
            filled_amount: fixed(self.amount * self.filled_percent / Decimal::ONE_HUNDRED, 8)
                .to_string(),
            filled_percent: Num::dp(self.filled_percent, 2),
            total_received: fixed(total_received, 8).to_string(),
            reveived_asset: received,
            total_paid: fixed(total_paid, 8).to_string(),
            paid_asset: paid,
            note: self.note,
            receiver_email: self.receiver_email,
            email_status: self.email_status,
            revoked: self.revoked,
            revoked_at: self.revoked_at,
            extra: [],
        }
    }
}

/// §4.4: string amounts, numeric `fee_percent`/`filled_percent`, `reveived_asset` (sic).
#[derive(Debug, Serialize)]
pub struct OrderView<'a> {
    pub tid: &'a str,
    pub created_at: i64,
    pub executed_at: Option<i64>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub asset: &'static str,
    pub amount: String,
    pub price: String,
    pub executed_price: String,
    pub fee: String,
    pub fee_percent: Num,
    pub filled_amount: String,
    pub filled_percent: Num,
    pub total_received: String,
    pub reveived_asset: &'static str,
    pub total_paid: String,
    pub paid_asset: &'static str,
    pub note: &'static str,
    pub receiver_email: &'static str,
    pub email_status: &'static str,
    pub revoked: bool,
    pub revoked_at: Option<i64>,
    pub extra: [u8; 0],
}
