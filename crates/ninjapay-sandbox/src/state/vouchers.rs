//! Withdraw-voucher batches (§3): each code gets a simulated customer who redeems it at a
//! random time 30 s–20 min after creation (about a quarter never do), unless the batch expires
//! or is revoked first.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ids::new_int_id;
use crate::bolt11;
use crate::money::Num;
use crate::static_str::{leak, StaticStr};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoucherCode {
    pub code: String,
    pub redeemed_by: Option<String>,
    pub redeemed_tid: Option<u64>,
    pub redeemed_at: Option<i64>,
    pub callback_status: Option<u16>,
    /// When and by whom a simulated customer will redeem it.
    pub fate: Option<(i64, String)>,
}

impl VoucherCode {
    pub fn open(code: String) -> VoucherCode {
        VoucherCode {
            code,
            redeemed_by: None,
            redeemed_tid: None,
            redeemed_at: None,
            callback_status: None,
            fate: None,
        }
    }
    pub fn is_redeemed(&self) -> bool {
        self.redeemed_at.is_some()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoucherBatch {
    pub tid: String,
    pub static_id: u64,
    pub created_at: i64,
    pub expires_at: i64,
    /// BTC per voucher.
    pub amount: Decimal,
    pub from: Option<String>,
    pub title: Option<String>,
    pub receiver_email: Option<String>,
    #[serde(deserialize_with = "leak")]
    pub email_status: StaticStr,
    pub unique_design: bool,
    pub unique_design_url: Option<String>,
    pub callback_url: Option<String>,
    pub revoked: bool,
    pub revoked_at: Option<i64>,
    /// Unredeemed value went back to the wallet (on expiry or revoke).
    pub refunded: bool,
    pub codes: Vec<VoucherCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemError {
    Revoked,
    Expired,
    AlreadyRedeemed,
}

impl VoucherBatch {
    pub fn redeemed_count(&self) -> usize {
        self.codes.iter().filter(|c| c.is_redeemed()).count()
    }

    fn unredeemed_value(&self) -> Decimal {
        self.amount * Decimal::from(self.codes.len() - self.redeemed_count())
    }

    /// Draws a simulated customer for each code.
    pub fn schedule_customers(&mut self, rng: &mut StdRng) {
        for c in &mut self.codes {
            if rng.gen_range(0..4) == 0 {
                continue; // about a quarter are never redeemed
            }
            let at = self.created_at + rng.gen_range(30..=1_200);
            let who = if rng.gen_bool(0.7) {
                format!("@customer_{:04}", rng.gen_range(0..10_000))
            } else {
                bolt11::encode(self.amount, at, rng)
            };
            c.fate = Some((at, who));
        }
    }

    pub fn tick(
        &mut self,
        now: i64,
        balance: &mut Decimal,
        rng: &mut StdRng,
        used: &mut HashSet<u64>,
    ) {
        if !self.revoked {
            for c in &mut self.codes {
                match c.fate.take() {
                    Some((at, who)) if at <= now && at < self.expires_at => {
                        redeem_code(c, who, at, self.callback_url.is_some(), rng, used);
                    }
                    Some((at, _)) if at >= self.expires_at => {}
                    other => c.fate = other,
                }
            }
        }
        if now >= self.expires_at && !self.revoked && !self.refunded {
            // Value nobody claimed before expiry goes back to the merchant.
            *balance += self.unredeemed_value();
            self.refunded = true;
        }
    }

    pub fn is_expired(&self, now: i64) -> bool {
        now >= self.expires_at
    }

    pub fn redeem(
        &mut self,
        idx: usize,
        who: String,
        now: i64,
        rng: &mut StdRng,
        used: &mut HashSet<u64>,
    ) -> Result<(), RedeemError> {
        if self.revoked {
            return Err(RedeemError::Revoked);
        }
        if self.is_expired(now) {
            return Err(RedeemError::Expired);
        }
        let has_cb = self.callback_url.is_some();
        let c = &mut self.codes[idx];
        if c.is_redeemed() {
            return Err(RedeemError::AlreadyRedeemed);
        }
        redeem_code(c, who, now, has_cb, rng, used);
        Ok(())
    }

    /// For `settle(tid, "redeemed")`: every open code is redeemed now.
    pub fn redeem_all(&mut self, now: i64, rng: &mut StdRng, used: &mut HashSet<u64>) {
        for i in 0..self.codes.len() {
            if !self.codes[i].is_redeemed() {
                let who = format!("@customer_{:04}", rng.gen_range(0..10_000));
                let _ = self.redeem(i, who, now, rng, used);
            }
        }
    }

    /// Revokes the batch and refunds what nobody redeemed. Errors with a reason.
    pub fn revoke(&mut self, now: i64, balance: &mut Decimal) -> Result<(), &'static str> {
        if self.revoked {
            return Err("is already revoked");
        }
        if self.is_expired(now) {
            return Err("has expired (its unredeemed value was already refunded)");
        }
        self.revoked = true;
        self.revoked_at = Some(now);
        if !self.refunded {
            *balance += self.unredeemed_value();
            self.refunded = true;
        }
        for c in &mut self.codes {
            c.fate = None;
        }
        Ok(())
    }

    fn static_url(&self) -> String {
        format!("https://www.ninjapay.me/voucher/{}", self.static_id)
    }

    /// The Request Voucher response (§3.1).
    pub fn created_view(&self) -> VoucherCreated<'_> {
        VoucherCreated {
            head: self.head(),
            voucher_static_url: self.static_url(),
            voucher_urls: self
                .codes
                .iter()
                .map(|c| VoucherUrl {
                    voucher_url: code_url(&c.code),
                })
                .collect(),
        }
    }

    /// The Check Voucher response (§3.2).
    pub fn check_view(&self) -> VoucherCheck<'_> {
        VoucherCheck {
            head: self.head(),
            revoked: self.revoked,
            revoked_at: self.revoked_at,
            voucher_static_url: self.static_url(),
            voucher_urls: self
                .codes
                .iter()
                .map(|c| VoucherCodeView {
                    voucher_url: code_url(&c.code),
                    voucher_code: &c.code,
                    redeemed_by: c.redeemed_by.as_deref(),
                    redeemed_tid: c.redeemed_tid,
                    redeemed_at: c.redeemed_at,
                    callback_status: c.callback_status,
                })
                .collect(),
        }
    }

    fn head(&self) -> VoucherHead<'_> {
        VoucherHead {
            tid: &self.tid,
            created_at: self.created_at,
            expires_at: self.expires_at,
            voucher_count: self.codes.len(),
            voucher_redeemed: self.redeemed_count(),
            amount: Num::dp(self.amount, 8),
            from: self.from.as_deref(),
            title: self.title.as_deref(),
            receiver_email: self.receiver_email.as_deref(),
            email_status: self.email_status,
            unique_design: self.unique_design,
            unique_design_url: self.unique_design_url.as_deref(),
            callback_url: self.callback_url.as_deref(),
        }
    }
}

fn redeem_code(
    c: &mut VoucherCode,
    who: String,
    at: i64,
    has_callback: bool,
    rng: &mut StdRng,
    used: &mut HashSet<u64>,
) {
    c.fate = None;
    c.redeemed_by = Some(who);
    c.redeemed_tid = Some(new_int_id(rng, used));
    c.redeemed_at = Some(at);
    c.callback_status = has_callback.then_some(200);
}

pub fn code_url(code: &str) -> String {
    format!("https://www.ninjapay.me/voucher/redeem/{code}")
}

#[derive(Debug, Serialize)]
pub struct VoucherHead<'a> {
    pub tid: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
    pub voucher_count: usize,
    pub voucher_redeemed: usize,
    /// A JSON number, as documented (`0.00001000`).
    pub amount: Num,
    pub from: Option<&'a str>,
    pub title: Option<&'a str>,
    pub receiver_email: Option<&'a str>,
    pub email_status: &'static str,
    pub unique_design: bool,
    pub unique_design_url: Option<&'a str>,
    pub callback_url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct VoucherCreated<'a> {
    #[serde(flatten)]
    pub head: VoucherHead<'a>,
    pub voucher_static_url: String,
    pub voucher_urls: Vec<VoucherUrl>,
}

#[derive(Debug, Serialize)]
pub struct VoucherUrl {
    pub voucher_url: String,
}

#[derive(Debug, Serialize)]
pub struct VoucherCheck<'a> {
    #[serde(flatten)]
    pub head: VoucherHead<'a>,
    pub revoked: bool,
    pub revoked_at: Option<i64>,
    pub voucher_static_url: String,
    pub voucher_urls: Vec<VoucherCodeView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct VoucherCodeView<'a> {
    pub voucher_url: String,
    pub voucher_code: &'a str,
    pub redeemed_by: Option<&'a str>,
    pub redeemed_tid: Option<u64>,
    pub redeemed_at: Option<i64>,
    pub callback_status: Option<u16>,
}
