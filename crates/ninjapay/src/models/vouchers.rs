//! Withdraw-voucher batches, their codes, revocations and redemptions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Other;
use crate::de;
use crate::ids::{Tid, Timestamp};
use crate::status::EmailStatus;

/// A withdraw-voucher batch (Request Voucher, Check Voucher).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Voucher {
    /// The batch's id.
    pub tid: Tid,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// When the codes stop being redeemable.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// How many codes.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub voucher_count: Option<u32>,
    /// How many have been redeemed.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub voucher_redeemed: Option<u32>,
    /// BTC per voucher (a JSON number on the wire).
    #[serde(with = "de::decimal")]
    pub amount: Decimal,
    /// The giver's name.
    #[serde(default)]
    pub from: Option<String>,
    /// The message on the voucher.
    #[serde(default)]
    pub title: Option<String>,
    /// Who it was emailed to (single vouchers only).
    #[serde(default)]
    pub receiver_email: Option<String>,
    /// Whether that email went out.
    #[serde(default)]
    pub email_status: Option<EmailStatus>,
    /// Whether custom artwork is used.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub unique_design: bool,
    /// The artwork's URL.
    #[serde(default)]
    pub unique_design_url: Option<String>,
    /// The webhook called on each redeem.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Whether the whole batch was revoked.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When it was revoked.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// One multi-use link for all codes (each ninjatag redeems once through it).
    #[serde(default)]
    pub voucher_static_url: Option<String>,
    /// One entry per code.
    #[serde(default)]
    pub voucher_urls: Vec<VoucherCode>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// One code of a voucher batch. Request Voucher gives only `voucher_url`; Check Voucher adds
/// who redeemed it and when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VoucherCode {
    /// `https://www.ninjapay.me/voucher/redeem/<code>`.
    pub voucher_url: String,
    /// The code (taken from the URL's last segment when the server leaves it out).
    #[serde(default)]
    pub voucher_code: Option<String>,
    /// A ninjatag, or the BOLT11 it was paid to.
    #[serde(default)]
    pub redeemed_by: Option<String>,
    /// The payment made by the redeem (a number on the wire).
    #[serde(default)]
    pub redeemed_tid: Option<Tid>,
    /// When it was redeemed.
    #[serde(default)]
    pub redeemed_at: Option<Timestamp>,
    /// The webhook's HTTP answer, after a redeem.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub callback_status: Option<u16>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

impl VoucherCode {
    /// The code, from `voucher_code` or the URL's last path segment.
    pub fn code(&self) -> &str {
        match &self.voucher_code {
            Some(c) if !c.is_empty() => c,
            _ => self
                .voucher_url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default(),
        }
    }

    /// True once someone redeemed it.
    pub fn is_redeemed(&self) -> bool {
        self.redeemed_at.is_some() || self.redeemed_by.is_some() || self.redeemed_tid.is_some()
    }
}

impl Voucher {
    /// The number of codes (from `voucher_count`, else the list's length).
    pub fn count(&self) -> u32 {
        self.voucher_count.unwrap_or(self.voucher_urls.len() as u32)
    }

    /// Codes redeemed, counted from the codes when listed, else `voucher_redeemed`.
    pub fn redeemed_count(&self) -> u32 {
        let listed = self.voucher_urls.iter().filter(|c| c.is_redeemed()).count() as u32;
        // Check Voucher lists each code's redeem details; Request Voucher lists only URLs.
        if self.voucher_urls.iter().any(|c| c.voucher_code.is_some()) {
            listed
        } else {
            self.voucher_redeemed.unwrap_or(listed)
        }
    }

    /// BTC the whole batch is worth: amount × count (what creating it debited).
    pub fn total_value(&self) -> Decimal {
        self.amount * Decimal::from(self.count())
    }

    /// BTC paid out so far.
    pub fn redeemed_value(&self) -> Decimal {
        self.amount * Decimal::from(self.redeemed_count())
    }

    /// BTC still redeemable (zero once revoked).
    pub fn outstanding_value(&self) -> Decimal {
        if self.revoked {
            return Decimal::ZERO;
        }
        self.amount * Decimal::from(self.count().saturating_sub(self.redeemed_count()))
    }

    /// Revoked, or every code redeemed: nothing will change any more (expiry aside).
    pub fn is_final(&self) -> bool {
        self.revoked || self.redeemed_count() >= self.count()
    }
}

/// The answer to Revoke Voucher and Revoke Order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Revocation {
    /// What was revoked.
    pub tid: Tid,
    /// `true`.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The answer to Redeem Voucher.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Redemption {
    /// The code redeemed.
    #[serde(default)]
    pub voucher_code: Option<String>,
    /// `true` on success.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub redeemed: bool,
    /// `ninjatag` or `invoice`.
    #[serde(default)]
    pub redeemed_mode: Option<String>,
    /// Where the value went.
    #[serde(default)]
    pub redeemed_by: Option<String>,
    /// The payment made.
    #[serde(default)]
    pub redeemed_tid: Option<Tid>,
    /// When.
    #[serde(default)]
    pub redeemed_at: Option<Timestamp>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}
