//! The requests' checks and the bodies they send.
use super::*;
use std::str::FromStr;

fn voucher() -> VoucherRequest {
    VoucherRequest {
        amount: Decimal::from_str("0.00001000").unwrap(),
        voucher_count: 2,
        title: Some("Congrats".into()),
        ..Default::default()
    }
}

#[test]
fn every_problem_is_reported_with_its_field() {
    let r = VoucherRequest {
        amount: Decimal::ZERO,
        voucher_count: 0,
        callback_url: Some("ftp://x".into()),
        ..voucher()
    };
    let fields: Vec<_> = r
        .problems()
        .iter()
        .map(|e| e.field().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["amount", "voucher_count", "callback_url"]);
    assert_eq!(r.validate().unwrap_err().field(), Some("amount"));
}

#[test]
fn voucher_rules() {
    assert!(voucher().validate().is_ok());
    assert_eq!(voucher().total().to_string(), "0.00002000");
    for count in [0, 101] {
        let e = VoucherRequest {
            voucher_count: count,
            ..voucher()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("voucher_count"));
    }
    let e = VoucherRequest {
        receiver_email: Some("dev@ninjapay.me".into()),
        ..voucher()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("receiver_email"));
    assert!(VoucherRequest {
        receiver_email: Some("dev@ninjapay.me".into()),
        voucher_count: 1,
        ..voucher()
    }
    .validate()
    .is_ok());
    let e = VoucherRequest {
        callback_url: Some("ftp://x".into()),
        ..voucher()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("callback_url"));
}

#[test]
fn a_voucher_body_is_the_documented_one() {
    let r = VoucherRequest {
        unique_design_url: Some("https://example.com/art.png".into()),
        from: Some("  ".into()),
        ..voucher()
    };
    let body = serde_json::to_string(&r.as_sent()).unwrap();
    assert_eq!(
        body,
        r#"{"amount":0.00001000,"voucher_count":2,"title":"Congrats","unique_design":true,"unique_design_url":"https://example.com/art.png"}"#
    );
}

#[test]
fn requests_come_from_ui_json_with_string_or_number_amounts() {
    let r: VoucherRequest =
        serde_json::from_str(r#"{"amount":"0.0001","voucher_count":"3"}"#).unwrap();
    assert_eq!(
        (r.amount.to_string().as_str(), r.voucher_count),
        ("0.0001", 3)
    );
    let r: QuoteIdRequest = serde_json::from_str(
        r#"{"fiat_amount":1500,"payment_mode":"upi","sending_asset":"btc","receiver_upi_id":"shop@okaxis","refund_wallet":"lbtc"}"#,
    )
    .unwrap();
    assert!(r.validate().is_ok());
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"fiat_amount":1500,"payment_mode":"upi","sending_asset":"btc","receiver_upi_id":"shop@okaxis","refund_wallet":"lbtc"}"#
    );
}

#[test]
fn redeem_send_token_quote_rules() {
    let ok = RedeemRequest {
        voucher_code: "7ee15185".into(),
        redeem_mode: "ninjatag".into(),
        redeem_to: "@satoshi".into(),
    };
    assert!(ok.validate().is_ok());
    let e = RedeemRequest {
        redeem_mode: "invoice".into(),
        ..ok.clone()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("redeem_to"));
    let e = RedeemRequest {
        redeem_mode: "email".into(),
        ..ok
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("redeem_mode"));

    let e = SendRequest {
        payment_mode: "lightning".into(),
        lightning_invoice: Some("lnurl1dp68gurn8ghj7".into()),
        lightning_invoice_type: Some("lnurl".into()),
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("amount"));
    let e = SendRequest {
        payment_mode: "ninjatag".into(),
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("ninjatag"));

    let e = TokenRequest {
        widget_mode: "sideways".into(),
        amount: Decimal::ONE,
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field(), Some("widget_mode"));

    let q = QuoteIdRequest {
        fiat_amount: Decimal::from(97_001),
        payment_mode: "upi".into(),
        sending_asset: "btc".into(),
        receiver_upi_id: Some("a@b".into()),
        receiver_ninjatag: None,
        refund_wallet: "lbtc".into(),
    };
    assert_eq!(q.validate().unwrap_err().field(), Some("fiat_amount"));
    let q = QuoteIdRequest {
        fiat_amount: Decimal::from(500),
        receiver_upi_id: None,
        ..q
    };
    assert_eq!(q.validate().unwrap_err().field(), Some("receiver_upi_id"));
    let q = QuoteIdRequest {
        receiver_upi_id: Some("a@b".into()),
        sending_asset: "eth".into(),
        ..q
    };
    assert_eq!(q.validate().unwrap_err().field(), Some("sending_asset"));
}
