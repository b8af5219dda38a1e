//! Fiat x Web3 bridge quotes (§6, prod host). `requestQuoteID` makes a draft; `requestQuote`
//! turns it (once) into a payable quote that goes `pending → success | failed | refunded`, or
//! `expired` at `expires_at` (15 minutes).

use rand::Rng;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::iso_time::iso;
use crate::money::Num;
use crate::static_str::{leak, StaticStr};

/// Fixed sandbox rates: ₹50,00,000 per BTC, ₹85 per USDT.
pub const INR_PER_BTC: i64 = 5_000_000;
pub const INR_PER_USDT: i64 = 85;
pub const QUOTE_TTL: i64 = 15 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteStatus {
    Pending,
    Success,
    Failed,
    Expired,
    Refunded,
}

impl QuoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Pending => "pending",
            QuoteStatus::Success => "success",
            QuoteStatus::Failed => "failed",
            QuoteStatus::Expired => "expired",
            QuoteStatus::Refunded => "refunded",
        }
    }
    pub fn parse(s: &str) -> Option<QuoteStatus> {
        Some(match s {
            "pending" => QuoteStatus::Pending,
            "success" => QuoteStatus::Success,
            "failed" => QuoteStatus::Failed,
            "expired" => QuoteStatus::Expired,
            "refunded" => QuoteStatus::Refunded,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteDraft {
    pub quote_id: String,
    pub fiat_amount: Decimal,
    pub payment_mode: String,
    pub sending_asset: String,
    pub receiver_upi_id: Option<String>,
    pub receiver_ninjatag: Option<String>,
    pub refund_wallet: String,
    pub linked_upi_id: Option<String>,
    pub used: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quote {
    pub tid: u64,
    pub created_at: i64,
    pub status: QuoteStatus,
    pub sending_asset: String,
    pub sending_asset_amount: Decimal,
    pub fiat_amount: Decimal,
    pub payment_method: String,
    pub lightning_invoice: String,
    pub onchain_address: String,
    #[serde(deserialize_with = "leak")]
    pub onchain_address_network: StaticStr,
    pub expires_at: i64,
    pub callback_url: Option<String>,
    pub receiver_upi_id: Option<String>,
    pub receiver_ninjatag: Option<String>,
    pub refund_wallet: String,
    /// When the status last changed (creation while pending).
    pub transaction_time: i64,
    pub fate: Option<(i64, QuoteStatus)>,
}

/// Crypto needed for `fiat` INR, rounded up (btc 8 dp, usdt 2 dp).
pub fn crypto_for(asset: &str, fiat: Decimal) -> Decimal {
    let (rate, dp) = if asset == "usdt" {
        (INR_PER_USDT, 2)
    } else {
        (INR_PER_BTC, 8)
    };
    let mut v =
        (fiat / Decimal::from(rate)).round_dp_with_strategy(dp, RoundingStrategy::AwayFromZero);
    v.rescale(dp);
    v
}

impl Quote {
    /// Draws the fate: 70 % success, 10 % failed, 10 % refunded (30 s–5 min), 10 % expire.
    pub fn schedule(&mut self, rng: &mut impl Rng) {
        let at = self.created_at + rng.gen_range(30..=300);
        self.fate = Some(match rng.gen_range(0..100) {
            0..=69 => (at, QuoteStatus::Success),
            70..=79 => (at, QuoteStatus::Failed),
            80..=89 => (at, QuoteStatus::Refunded),
            _ => (self.expires_at, QuoteStatus::Expired),
        });
    }

    pub fn tick(&mut self, now: i64) {
        if let Some((at, s)) = self.fate {
            if at <= now {
                self.fate = None;
                self.status = s;
                self.transaction_time = at;
            }
        }
    }

    pub fn force(&mut self, status: QuoteStatus, now: i64) {
        self.fate = None;
        self.status = status;
        self.transaction_time = now;
    }

    /// Request Invoice for Quote response (§6.5).
    pub fn created_view(&self) -> QuoteCreated<'_> {
        QuoteCreated {
            tid: self.tid,
            sending_asset: &self.sending_asset,
            sending_asset_amount: Num(self.sending_asset_amount),
            fiat_amount: Num(self.fiat_amount.normalize()),
            lightning_invoice: &self.lightning_invoice,
            onchain_address: &self.onchain_address,
            onchain_address_network: self.onchain_address_network,
            expires_at: self.expires_at,
            callback_url: self.callback_url.as_deref(),
            receiver_upi_id: self.receiver_upi_id.as_deref(),
            receiver_ninjatag: self.receiver_ninjatag.as_deref(),
        }
    }

    /// checkQuote response, schema A of the docs.
    pub fn check_view(&self) -> QuoteCheck<'_> {
        QuoteCheck {
            tid: self.tid,
            created_at: self.created_at,
            status: self.status.as_str(),
            sending_asset: &self.sending_asset,
            sending_asset_amount: Num(self.sending_asset_amount),
            fiat_amount: Num(self.fiat_amount.normalize()),
            payment_method: &self.payment_method,
            lightning_invoice: &self.lightning_invoice,
            onchain_address: &self.onchain_address,
            onchain_address_network: self.onchain_address_network,
            expires_at: self.expires_at,
            receiver_upi_id: self.receiver_upi_id.as_deref(),
            receiver_ninjatag: self.receiver_ninjatag.as_deref(),
            refund_wallet: &self.refund_wallet,
            transaction_time: iso(self.transaction_time),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct QuoteCreated<'a> {
    pub tid: u64,
    pub sending_asset: &'a str,
    pub sending_asset_amount: Num,
    pub fiat_amount: Num,
    pub lightning_invoice: &'a str,
    pub onchain_address: &'a str,
    pub onchain_address_network: &'static str,
    pub expires_at: i64,
    pub callback_url: Option<&'a str>,
    pub receiver_upi_id: Option<&'a str>,
    pub receiver_ninjatag: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct QuoteCheck<'a> {
    pub tid: u64,
    pub created_at: i64,
    pub status: &'static str,
    pub sending_asset: &'a str,
    pub sending_asset_amount: Num,
    pub fiat_amount: Num,
    pub payment_method: &'a str,
    pub lightning_invoice: &'a str,
    pub onchain_address: &'a str,
    pub onchain_address_network: &'static str,
    pub expires_at: i64,
    pub receiver_upi_id: Option<&'a str>,
    pub receiver_ninjatag: Option<&'a str>,
    pub refund_wallet: &'a str,
    pub transaction_time: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn rates() {
        assert_eq!(
            crypto_for("btc", Decimal::from(1000)).to_string(),
            "0.00020000"
        );
        assert_eq!(crypto_for("usdt", Decimal::from(1000)).to_string(), "11.77");
        assert_eq!(
            crypto_for("btc", Decimal::from_str("0.01").unwrap()).to_string(),
            "0.00000001"
        );
    }
}
