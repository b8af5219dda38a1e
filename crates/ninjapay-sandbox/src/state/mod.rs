//! Everything the sandbox remembers: the wallet and each kind of record. One `World` behind one
//! mutex; `tick(now)` applies every transition that fell due, lazily, before each request.

pub mod ids;
pub mod orders;
pub mod payments;
pub mod quotes;
pub mod record;
pub mod tokens;
pub mod vouchers;

use std::collections::{HashMap, HashSet};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use orders::Order;
pub use payments::Payment;
pub use quotes::{Quote, QuoteDraft};
pub use tokens::Token;
pub use vouchers::VoucherBatch;

/// The merchant's ninjatag in the sandbox.
pub const MERCHANT_TAG: &str = "sandbox_merchant";

#[derive(Debug, Serialize, Deserialize)]
pub struct World {
    /// Seeded once: the same seed and the same requests give the same ids and fates. Not
    /// saved: a reloaded world is reseeded (see `crate::persist`).
    #[serde(skip, default = "unseeded")]
    pub rng: StdRng,
    /// Lightning (lbtc) balance in BTC.
    pub balance: Decimal,
    pub payments: Vec<Payment>,
    /// payreq → tid, so `decode` knows invoices the sandbox issued.
    pub invoices: HashMap<String, String>,
    pub vouchers: Vec<VoucherBatch>,
    pub orders: Vec<Order>,
    pub tokens: Vec<Token>,
    pub quote_drafts: HashMap<String, QuoteDraft>,
    pub quotes: Vec<Quote>,
    used_str_ids: HashSet<String>,
    used_int_ids: HashSet<u64>,
}

impl World {
    pub fn new(seed: u64) -> World {
        World {
            rng: StdRng::seed_from_u64(seed),
            balance: Decimal::new(5, 2),
            payments: Vec::new(),
            invoices: HashMap::new(),
            vouchers: Vec::new(),
            orders: Vec::new(),
            tokens: Vec::new(),
            quote_drafts: HashMap::new(),
            quotes: Vec::new(),
            used_str_ids: HashSet::new(),
            used_int_ids: HashSet::new(),
        }
    }

    /// Applies every state change due at or before `now`. Idempotent; time never goes back.
    pub fn tick(&mut self, now: i64) {
        for p in &mut self.payments {
            p.tick(now, &mut self.balance);
        }
        for v in &mut self.vouchers {
            v.tick(
                now,
                &mut self.balance,
                &mut self.rng,
                &mut self.used_int_ids,
            );
        }
        for o in &mut self.orders {
            o.tick(now);
        }
        for t in &mut self.tokens {
            t.tick(now, &mut self.balance);
        }
        for q in &mut self.quotes {
            q.tick(now);
        }
    }

    /// A lapi-style tid: 16 uppercase letters and digits.
    pub fn new_str_tid(&mut self) -> String {
        const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        loop {
            let id: String = (0..16)
                .map(|_| CHARS[self.rng.gen_range(0..CHARS.len())] as char)
                .collect();
            if self.used_str_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A sapi/widget-style tid: a 12-digit number.
    pub fn new_int_tid(&mut self) -> u64 {
        ids::new_int_id(&mut self.rng, &mut self.used_int_ids)
    }

    pub fn new_hex(&mut self, len: usize) -> String {
        loop {
            let id = ids::hex(&mut self.rng, len);
            if self.used_str_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Registers a seeded id so random ones never collide with it.
    pub fn reserve_str(&mut self, id: &str) {
        self.used_str_ids.insert(id.to_string());
    }
    pub fn reserve_int(&mut self, id: u64) {
        self.used_int_ids.insert(id);
    }

    pub fn payment_mut(&mut self, tid: &str) -> Option<&mut Payment> {
        self.payments.iter_mut().find(|p| p.tid == tid)
    }
    pub fn voucher_mut(&mut self, tid: &str) -> Option<&mut VoucherBatch> {
        self.vouchers.iter_mut().find(|v| v.tid == tid)
    }
    pub fn order_mut(&mut self, tid: &str) -> Option<&mut Order> {
        self.orders.iter_mut().find(|o| o.tid == tid)
    }
    pub fn token_mut(&mut self, token: u64) -> Option<&mut Token> {
        self.tokens.iter_mut().find(|t| t.token == token)
    }
    pub fn quote_mut(&mut self, tid: u64) -> Option<&mut Quote> {
        self.quotes.iter_mut().find(|q| q.tid == tid)
    }

    pub fn counts(&self) -> Counts {
        Counts {
            payments: self.payments.len(),
            vouchers: self.vouchers.len(),
            orders: self.orders.len(),
            tokens: self.tokens.len(),
            quote_drafts: self.quote_drafts.len(),
            quotes: self.quotes.len(),
            balance: crate::money::btc_str(self.balance),
        }
    }

    /// Brings records read from an older state file up to date.
    pub fn upgrade(&mut self) {
        for t in &mut self.tokens {
            t.upgrade();
        }
    }

    /// Redeems code `ci` of batch `bi` for `who` now.
    pub fn redeem_code(
        &mut self,
        bi: usize,
        ci: usize,
        who: String,
        now: i64,
    ) -> Result<(), vouchers::RedeemError> {
        self.vouchers[bi].redeem(ci, who, now, &mut self.rng, &mut self.used_int_ids)
    }

    /// Forces a record into `status` now (for UI tests). Tries payments, voucher batches and
    /// orders by string tid, then tokens and quotes by numeric tid; the first record that has
    /// both that tid and that status wins.
    pub fn settle(&mut self, tid: &str, status: &str, now: i64) -> bool {
        let tid = tid.trim();
        let status = status.trim().to_ascii_lowercase();
        if let Some(s) = payments::PayStatus::parse(&status) {
            if let Some(p) = self.payments.iter_mut().find(|p| p.tid == tid) {
                p.force(s, &mut self.balance);
                return true;
            }
        }
        if let Some(v) = self.vouchers.iter_mut().find(|v| v.tid == tid) {
            match status.as_str() {
                "redeemed" => {
                    v.redeem_all(now, &mut self.rng, &mut self.used_int_ids);
                    return true;
                }
                "revoked" => return v.revoke(now, &mut self.balance).is_ok(),
                _ => {}
            }
        }
        if let Some(o) = self.orders.iter_mut().find(|o| o.tid == tid) {
            match status.as_str() {
                "filled" | "executed" => {
                    o.fill_now(now);
                    return true;
                }
                "revoked" => return o.revoke(now).is_ok(),
                _ => {}
            }
        }
        let Ok(n) = tid.parse::<u64>() else {
            return false;
        };
        if let Some(s) = tokens::TokStatus::parse(&status) {
            if let Some(t) = self.tokens.iter_mut().find(|t| t.token == n) {
                t.force(s, &mut self.balance);
                return true;
            }
        }
        if let Some(s) = quotes::QuoteStatus::parse(&status) {
            if let Some(q) = self.quotes.iter_mut().find(|q| q.tid == n) {
                q.force(s, now);
                return true;
            }
        }
        false
    }
}

fn unseeded() -> StdRng {
    StdRng::seed_from_u64(0)
}

/// How many records of each kind the world holds, and the balance (`GET /_sandbox/counts`):
/// lets a test see that a request created nothing, or exactly one thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub payments: usize,
    pub vouchers: usize,
    pub orders: usize,
    pub tokens: usize,
    pub quote_drafts: usize,
    pub quotes: usize,
    /// The lbtc wallet, BTC, 8 dp.
    pub balance: String,
}
