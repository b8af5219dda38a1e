//! Records for the docs' example tids, so each docs code example works verbatim once the host
//! is swapped, and answers (at the sandbox's start) with the docs' sample values and JSON types:
//! the client's fixtures (`crates/ninjapay/tests/fixtures/*.json`), checked field by field in
//! `tests/docs_fidelity.rs`.
//!
//! Where the sandbox must differ, and why:
//! - **Ids the request names.** The docs' sample answers often carry another tid than their own
//!   code example asks for (Check Voucher and Check Order ask for `210N66027HB789` and answer
//!   `19B86602A1399N7`; Check Token asks for `21066027789` and answers token `198660213997`).
//!   The sandbox answers for the tid asked. The samples' own tids are seeded too where they
//!   name a different kind of record (`19B86602A1399N7` as an order, `210660277897` as the
//!   offramp token).
//! - **Times the docs put in the past that would end the record.** A voucher batch that
//!   `expires_at` 1714912921 (May 2024) would be expired and refunded, and a pending quote
//!   would be expired: those are relative to the sandbox's start instead. A redeem is dated
//!   before the start (the docs date it 2033, after the batch's own expiry).
//! - **Lifecycles.** The Check Token record starts `undefined` as in the docs, then goes
//!   pending and paid; the checkQuote record starts `pending` (the docs give only the enum)
//!   and succeeds, so a watcher has something to watch.
//!
//! Docs contradictions followed as the fixtures have them: the Check Voucher sample has a
//! `receiver_email` with `voucher_count` 2 (Request Voucher allows it only for 1); the Check
//! Token sample's `hosted_checkout_url` ends in `198660213997`, not in the token asked for; the
//! §2.6 send sample's LNURL is shorter than the same LNURL in the Check Token offramp sample;
//! the docs' sample BOLT11 invoice fails its bech32 checksum.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::json;

use crate::state::orders::{Order, Side};
use crate::state::payments::{PayStatus, Payment};
use crate::state::quotes::{crypto_for, Quote, QuoteStatus, QUOTE_TTL};
use crate::state::record::{Invoice, RecordFields};
use crate::state::tokens::{Mode, TokStatus, Token};
use crate::state::vouchers::{VoucherBatch, VoucherCode};
use crate::state::World;

/// The BOLT11 invoice printed throughout the docs (193620n = 0.00019362 BTC).
pub const DOCS_INVOICE: &str = "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv";
/// The LNURL of the Check Token offramp sample.
pub const DOCS_LNURL: &str = "lnurl193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv";
/// The (shorter) LNURL of the §2.6 send sample.
pub const DOCS_SEND_LNURL: &str =
    "lnurl193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zs";
/// The invoice of the Decode Invoice sample (213500n = 0.00021350 BTC).
pub const DOCS_DECODE_INVOICE: &str = "lnbc213500n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpg";

/// Check Voucher / Revoke Voucher docs example tid.
pub const DOCS_VOUCHER_TID: &str = "210N66027HB789";
/// Check Order docs example tid.
pub const DOCS_ORDER_TID: &str = "210N66027HB789";
/// Revoke Order docs example tid: an open order.
pub const DOCS_REVOKE_ORDER_TID: &str = "2M106602N7789";
/// The tid in the Check Order sample answer.
pub const DOCS_FILLED_ORDER_TID: &str = "19B86602A1399N7";
pub const DOCS_RECEIVE_TID: &str = "198A60SO23PN99N7";
pub const DOCS_SEND_TID: &str = "128390A389H2920";
/// Check Token and checkQuote docs example tid (prod host).
pub const DOCS_PROD_TID: u64 = 21066027789;
/// The tid in the Check Token offramp sample answer.
pub const DOCS_OFFRAMP_TID: u64 = 210660277897;
pub const DOCS_OPEN_VOUCHER_CODE: &str = "39e11981h";
pub const DOCS_REDEEMED_VOUCHER_CODE: &str = "7ee15185";
/// Not from the docs: a buy order that fills while you watch (40 % at the start, 100 % five
/// sandbox minutes later), since the docs' own order is already filled.
pub const SANDBOX_FILLING_ORDER_TID: &str = "SANDBOXBUYORDER1";

/// The docs' sample times (Unix seconds).
const DOCS_PAYMENT_CREATED_AT: i64 = 1_661_215_876;
const DOCS_CHECKOUT_EXPIRY: i64 = 1_814_912_992;
const DOCS_INVOICE_EXPIRES_AT: i64 = 1_714_912_921;
const DOCS_ORDER_CREATED_AT: i64 = 1_414_912_921;
const DOCS_ORDER_EXECUTED_AT: i64 = 1_714_912_921;
const DOCS_VOUCHER_CREATED_AT: i64 = 1_414_912_921;
const DOCS_QUOTE_CREATED_AT: i64 = 1_714_912_021;

/// What Decode answers for [`DOCS_DECODE_INVOICE`] besides its amount.
#[derive(Debug, Clone, Copy)]
pub struct DecodeSample {
    pub description: &'static str,
    pub description_hash: &'static str,
    pub payment_hash: &'static str,
    pub payment_secret: &'static str,
    pub payee: &'static str,
    pub signature: &'static str,
    /// 2023-03-15T11:22:27.000Z: a fact about that invoice, so it stays in the past.
    pub expires_at: i64,
}

/// The Decode Invoice sample, if `payreq` is its invoice.
pub fn docs_decode(payreq: &str) -> Option<DecodeSample> {
    (payreq.eq_ignore_ascii_case(DOCS_DECODE_INVOICE)).then_some(DecodeSample {
        description: "sample_description",
        description_hash: "3925b6f67e2c340036ed12093dd44e0368df1b6ea26c53dbe4811f58fd5db8c1",
        payment_hash: "6409437373b115518db15ec85ab5b018dc8a0ee12d4809bb9ac8e8632e4bba85",
        payment_secret: "e337f0d0d65e459d036b24696e1b3191f0e12b2a8281bcb2c7aaeaa8e4302dcb",
        payee: "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad",
        signature: "0a88d362f6063120855df747b6e5ba1c237986cd1ecffa9fb207dd3840400c3d",
        expires_at: 1_678_879_347,
    })
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn sample_extra() -> serde_json::Value {
    json!({"name": "nakamoto", "email": "sample@sample.com"})
}

pub fn seed(w: &mut World, now: i64) {
    for id in [
        DOCS_VOUCHER_TID,
        DOCS_REVOKE_ORDER_TID,
        DOCS_FILLED_ORDER_TID,
        DOCS_RECEIVE_TID,
        DOCS_SEND_TID,
        DOCS_OPEN_VOUCHER_CODE,
        DOCS_REDEEMED_VOUCHER_CODE,
        SANDBOX_FILLING_ORDER_TID,
    ] {
        w.reserve_str(id);
    }
    for id in [DOCS_PROD_TID, DOCS_OFFRAMP_TID, 198660213997, 128660213994] {
        w.reserve_int(id);
    }
    seed_payments(w);
    seed_vouchers(w, now);
    seed_orders(w, now);
    seed_tokens(w, now);
    seed_quote(w, now);
}

/// The two Check Payment samples (§2.6), which are also the history sample (§2.7): past
/// records that never touch the balance.
fn seed_payments(w: &mut World) {
    let past = |tid: &str, amount: &str, status, record| Payment {
        tid: tid.into(),
        payment_mode: "lightning",
        amount: dec(amount),
        status,
        record,
        fate: None,
        credits_wallet: false,
        credited: false,
    };
    w.payments.push(past(
        DOCS_SEND_TID,
        "-0.19362077",
        PayStatus::Paid,
        docs_send_sample(DOCS_SEND_LNURL),
    ));
    // Pushed last so history lists it first (both samples have the same created_at).
    w.payments.push(past(
        DOCS_RECEIVE_TID,
        "1.10771927",
        PayStatus::Undefined,
        docs_receive_sample(),
    ));
}

/// Check Voucher sample: two codes, one redeemed by `ninjatagUsername`, one open.
fn seed_vouchers(w: &mut World, now: i64) {
    w.vouchers.push(VoucherBatch {
        tid: DOCS_VOUCHER_TID.into(),
        static_id: 198660213997,
        created_at: DOCS_VOUCHER_CREATED_AT,
        expires_at: now + 30 * 86_400,
        amount: dec("0.00001000"),
        from: Some("Swiggy".into()),
        title: Some("Congrats IPL Spinwheel winner".into()),
        receiver_email: Some("dev@ninjapay.me".into()),
        email_status: "success",
        unique_design: true,
        unique_design_url: Some("https://www.mycompanydesignin600x900pixel.com".into()),
        callback_url: Some("https://yourwebhook.com".into()),
        revoked: false,
        revoked_at: None,
        refunded: false,
        codes: vec![
            VoucherCode {
                redeemed_by: Some("ninjatagUsername".into()),
                redeemed_tid: Some(128660213994),
                redeemed_at: Some(now - 1_800),
                callback_status: Some(201),
                ..VoucherCode::open(DOCS_REDEEMED_VOUCHER_CODE.into())
            },
            VoucherCode::open(DOCS_OPEN_VOUCHER_CODE.into()),
        ],
    });
}

fn seed_orders(w: &mut World, now: i64) {
    let order = |tid: &str, side, amount: &str, price: &str| Order {
        tid: tid.into(),
        created_at: now - 600,
        side,
        asset: "BTC",
        amount: dec(amount),
        price: dec(price),
        fee_percent: dec("0.10"),
        fee_dp: 8,
        fill_from: now,
        fill_until: now,
        start_pct: Decimal::ZERO,
        end_pct: Decimal::ZERO,
        filled_percent: Decimal::ZERO,
        executed_at: None,
        note: "Sandbox order",
        receiver_email: "dev@ninjapay.me",
        email_status: "success",
        revoked: false,
        revoked_at: None,
    };
    // The docs' Check Order sample, value for value: under the example's tid and the
    // sample's own.
    let docs_sample = |tid| Order {
        created_at: DOCS_ORDER_CREATED_AT,
        executed_at: Some(DOCS_ORDER_EXECUTED_AT),
        fee_dp: 2,
        start_pct: Decimal::ONE_HUNDRED,
        end_pct: Decimal::ONE_HUNDRED,
        filled_percent: Decimal::ONE_HUNDRED,
        note: "Plugin: Strike to US",
        ..order(tid, Side::Buy, "100.00000000", "47277.89")
    };
    w.orders.push(docs_sample(DOCS_ORDER_TID));
    w.orders.push(docs_sample(DOCS_FILLED_ORDER_TID));
    // revokeOrder example: an open sell limit order above the market; it never fills.
    w.orders.push(order(
        DOCS_REVOKE_ORDER_TID,
        Side::Sell,
        "0.25000000",
        "52000.00",
    ));
    // A buy, 40 % filled, filling to 100 % over the next 5 sandbox minutes.
    w.orders.push(Order {
        fill_until: now + 300,
        start_pct: Decimal::from(40),
        end_pct: Decimal::ONE_HUNDRED,
        ..order(
            SANDBOX_FILLING_ORDER_TID,
            Side::Buy,
            "0.50000000",
            "47277.89",
        )
    });
}

/// The two Check Token samples. Neither touches the wallet.
fn seed_tokens(w: &mut World, now: i64) {
    // Onramp, under the example's tid: undefined → pending → paid over the first 3 minutes.
    let mut onramp = Token::new(
        DOCS_PROD_TID,
        Mode::Onramp,
        dec("1.10771927"),
        docs_receive_sample(),
    );
    onramp.fates = vec![(now + 30, TokStatus::Pending), (now + 180, TokStatus::Paid)];
    onramp.moves_wallet = false;
    w.tokens.push(onramp);
    // Offramp, under the sample's own tid: paid long ago.
    let mut offramp = Token::new(
        DOCS_OFFRAMP_TID,
        Mode::Offramp,
        dec("0.19362077"),
        docs_send_sample(DOCS_LNURL),
    );
    offramp.status = TokStatus::Paid;
    offramp.moves_wallet = false;
    w.tokens.push(offramp);
}

/// checkQuote sample (schema A, with the fixture's values: ₹1,500 to a UPI id, paid in USDT,
/// 17.65 at the sandbox's ₹85 rate): pending, succeeds 2 minutes after the start.
fn seed_quote(w: &mut World, now: i64) {
    let fiat = Decimal::from(1_500);
    w.quotes.push(Quote {
        tid: DOCS_PROD_TID,
        created_at: DOCS_QUOTE_CREATED_AT,
        status: QuoteStatus::Pending,
        sending_asset: "usdt".into(),
        sending_asset_amount: crypto_for("usdt", fiat),
        fiat_amount: fiat,
        payment_method: "upi".into(),
        lightning_invoice: String::new(),
        onchain_address: "0x52908400098527886E0F7030069857D2E4169EE7".into(),
        onchain_address_network: "ERC20",
        expires_at: now - 60 + QUOTE_TTL,
        callback_url: Some("https://yourwebhook.com".into()),
        receiver_upi_id: Some("merchant@okaxis".into()),
        receiver_ninjatag: Some("satoshi".into()),
        refund_wallet: "usdt".into(),
        transaction_time: DOCS_QUOTE_CREATED_AT,
        fate: Some((now + 120, QuoteStatus::Success)),
    });
}

/// The fields the docs' receive sample (Check Payment, Check Token onramp) shows.
fn docs_receive_sample() -> RecordFields {
    RecordFields {
        callback_url: Some("https://yourwebhook.com".into()),
        callback_status: Some(201),
        success_url: Some("https://yoursuccessurl.com".into()),
        hosted_checkout_url: Some("https://checkout.ninjapay.me/198660213997".into()),
        hosted_checkout_expiry: Some(DOCS_CHECKOUT_EXPIRY),
        order_id: Some("210".into()),
        fiat_value: Some(dec("2000.22")),
        invoice: Some(Invoice {
            kind: "invoice",
            expires_at: Some(DOCS_INVOICE_EXPIRES_AT),
            payreq: DOCS_INVOICE.into(),
        }),
        ..docs_sample()
    }
}

/// The fields the docs' send sample (Check Payment, Check Token offramp) shows, paid to `lnurl`.
fn docs_send_sample(lnurl: &str) -> RecordFields {
    RecordFields {
        customer_name: Some("Satoshi Nakamoto".into()),
        order_id: Some("21".into()),
        fiat_value: Some(dec("4000.22")),
        invoice: Some(Invoice {
            kind: "lnurl",
            expires_at: None,
            payreq: lnurl.into(),
        }),
        network_fee: Some("0.00008161 btc".into()),
        service_fee: Some("0.00000002 btc (0.1%)".into()),
        ..docs_sample()
    }
}

/// What both samples share.
fn docs_sample() -> RecordFields {
    RecordFields {
        description: Some("sample_description".into()),
        fiat_currency: Some("USD".into()),
        extra: sample_extra(),
        ..RecordFields::new(DOCS_PAYMENT_CREATED_AT)
    }
}
