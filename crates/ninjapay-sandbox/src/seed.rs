//! Records for the docs' example tids, so each docs code example works verbatim once the host
//! is swapped. Values follow the docs' sample responses; times are relative to the sandbox's
//! start so nothing is already expired.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::json;

use crate::state::orders::{Order, Side};
use crate::state::payments::{Invoice, PayStatus, Payment};
use crate::state::quotes::{crypto_for, Quote, QuoteStatus, QUOTE_TTL};
use crate::state::tokens::{Mode, TokStatus, Token};
use crate::state::vouchers::{VoucherBatch, VoucherCode};
use crate::state::World;

/// The BOLT11 invoice printed throughout the docs (193620n = 0.00019362 BTC).
pub const DOCS_INVOICE: &str = "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv";

/// Check Voucher / Check Order docs example tid.
pub const DOCS_VOUCHER_TID: &str = "210N66027HB789";
pub const DOCS_ORDER_TID: &str = "210N66027HB789";
pub const DOCS_REVOKE_ORDER_TID: &str = "2M106602N7789";
pub const DOCS_FILLED_ORDER_TID: &str = "19B86602A1399N7";
pub const DOCS_RECEIVE_TID: &str = "198A60SO23PN99N7";
pub const DOCS_SEND_TID: &str = "128390A389H2920";
/// Check Token and checkQuote docs example tid (prod host).
pub const DOCS_PROD_TID: u64 = 21066027789;
pub const DOCS_OPEN_VOUCHER_CODE: &str = "39e11981h";
pub const DOCS_REDEEMED_VOUCHER_CODE: &str = "7ee15185";

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
    ] {
        w.reserve_str(id);
    }
    for id in [DOCS_PROD_TID, 198660213997, 128660213994] {
        w.reserve_int(id);
    }

    // History samples (§2.6): they are past records and never touch the balance.
    w.payments.push(Payment {
        tid: DOCS_SEND_TID.into(),
        payment_mode: "lightning",
        amount: dec("-0.19362077"),
        receiver_ninjatag: None,
        description: Some("sample_description".into()),
        created_at: now - 2 * 86_400,
        status: PayStatus::Paid,
        callback_url: None,
        callback_status: None,
        success_url: None,
        hosted_checkout_url: None,
        hosted_checkout_expiry: None,
        customer_name: Some("Satoshi Nakamoto".into()),
        order_id: Some("21".into()),
        fiat_currency: Some("USD".into()),
        fiat_value: Some(dec("4000.22")),
        extra: sample_extra(),
        invoice: Some(Invoice {
            kind: "lnurl",
            expires_at: None,
            payreq: format!("lnurl{}", &DOCS_INVOICE[4..]),
        }),
        network_fee: Some("0.00008161 btc".into()),
        service_fee: Some("0.00000002 btc (0.1%)".into()),
        fate: None,
        credits_wallet: false,
        credited: false,
    });
    w.payments.push(Payment {
        tid: DOCS_RECEIVE_TID.into(),
        payment_mode: "lightning",
        amount: dec("1.10771927"),
        receiver_ninjatag: None,
        description: Some("sample_description".into()),
        created_at: now - 86_400,
        status: PayStatus::Undefined,
        callback_url: Some("https://yourwebhook.com".into()),
        callback_status: Some(201),
        success_url: Some("https://yoursuccessurl.com".into()),
        hosted_checkout_url: Some("https://checkout.ninjapay.me/198660213997".into()),
        hosted_checkout_expiry: Some(1_814_912_992),
        customer_name: None,
        order_id: Some("210".into()),
        fiat_currency: Some("USD".into()),
        fiat_value: Some(dec("2000.22")),
        extra: sample_extra(),
        invoice: Some(Invoice {
            kind: "invoice",
            expires_at: Some(1_714_912_921),
            payreq: DOCS_INVOICE.into(),
        }),
        network_fee: None,
        service_fee: None,
        fate: None,
        credits_wallet: false,
        credited: false,
    });

    // Check Voucher sample: two codes, one redeemed by `ninjatagUsername`, one open.
    w.vouchers.push(VoucherBatch {
        tid: DOCS_VOUCHER_TID.into(),
        static_id: 198660213997,
        created_at: now - 3_600,
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
    // checkOrder example: a buy, 40 % filled, filling to 100 % over the next 5 sandbox minutes.
    w.orders.push(Order {
        fill_until: now + 300,
        start_pct: Decimal::from(40),
        end_pct: Decimal::ONE_HUNDRED,
        ..order(DOCS_ORDER_TID, Side::Buy, "0.50000000", "47277.89")
    });
    // revokeOrder example: an open sell limit order above the market; it never fills.
    w.orders.push(order(
        DOCS_REVOKE_ORDER_TID,
        Side::Sell,
        "0.25000000",
        "52000.00",
    ));
    // The docs' sample response, value for value.
    w.orders.push(Order {
        created_at: 1_414_912_921,
        executed_at: Some(1_714_912_921),
        fee_dp: 2,
        start_pct: Decimal::ONE_HUNDRED,
        end_pct: Decimal::ONE_HUNDRED,
        filled_percent: Decimal::ONE_HUNDRED,
        note: "Plugin: Strike to US",
        ..order(DOCS_FILLED_ORDER_TID, Side::Buy, "100.00000000", "47277.89")
    });

    // Check Token sample (onramp): undefined → pending → paid over the first 3 minutes.
    w.tokens.push(Token {
        token: DOCS_PROD_TID,
        mode: Mode::Onramp,
        amount: dec("1.10771927"),
        description: Some("sample_description".into()),
        created_at: now - 60,
        status: TokStatus::Undefined,
        callback_url: Some("https://yourwebhook.com".into()),
        callback_status: None,
        success_url: Some("https://yoursuccessurl.com".into()),
        customer_name: None,
        order_id: Some("210".into()),
        fiat_currency: Some("USD".into()),
        fiat_value: Some(dec("2000.22")),
        extra: sample_extra(),
        payreq: DOCS_INVOICE.into(),
        expires_at: now + 600,
        fates: vec![(now + 30, TokStatus::Pending), (now + 180, TokStatus::Paid)],
        moves_wallet: false,
    });

    // checkQuote sample: a pending BTC quote for ₹1,000 to a UPI id; succeeds after 2 minutes.
    let fiat = Decimal::from(1_000);
    let btc = crypto_for("btc", fiat);
    let payreq = crate::bolt11::encode(btc, &mut w.rng);
    w.quotes.push(Quote {
        tid: DOCS_PROD_TID,
        created_at: now - 60,
        status: QuoteStatus::Pending,
        sending_asset: "btc".into(),
        sending_asset_amount: btc,
        fiat_amount: fiat,
        payment_method: "upi".into(),
        lightning_invoice: payreq,
        onchain_address: "bc1qsandboxq0000000000000000000000000000000".into(),
        onchain_address_network: "BTC",
        expires_at: now - 60 + QUOTE_TTL,
        callback_url: Some("https://yourwebhook.com".into()),
        receiver_upi_id: Some("merchant@okaxis".into()),
        receiver_ninjatag: None,
        refund_wallet: "lbtc".into(),
        transaction_time: now - 60,
        fate: Some((now + 120, QuoteStatus::Success)),
    });
}
