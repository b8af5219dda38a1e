//! The one write (`observe`), the records table (search, filters, sort, pages), history,
//! mode/account separation, payouts, Lightning per day, and the one-time imports.

mod common;

use common::*;
use ninjapay::{Account, Mode, Revocation, SendReceipt, SendRequest, TokenCreated, TokenDetail};
use ninjapay_ledger::{Direction, Kind, Ledger, Origin, RecordQuery, Scope, Seen, Sort, Status};
use serde_json::json;
use time::macros::date;

fn query(scope: Scope) -> RecordQuery {
    RecordQuery::new(scope)
}

fn tids(ledger: &Ledger, q: &RecordQuery) -> Vec<String> {
    ledger
        .records(q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.tid)
        .collect()
}

#[test]
fn an_observation_is_appended_only_when_something_changed_and_a_redeem_is_kept_once() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let t0 = 1_714_900_000;
    let mut b = Batch {
        tid: "210N66027HB789",
        amount: "0.00001",
        created: t0,
        expires: Some(t0 + 30 * 86_400),
        revoked_at: None,
        codes: codes("c", 3, &[]),
        title: "Diwali",
    };
    let first = ledger
        .observe(&acc, t0, Origin::Created, Seen::Voucher(&b.voucher()))
        .unwrap();
    assert!(first.new_record && first.changed);
    assert_eq!(first.status, Status::Open);
    // The same answer again: the record's last check moves, no observation is added.
    let again = ledger
        .observe(&acc, t0 + 60, Origin::Watched, Seen::Voucher(&b.voucher()))
        .unwrap();
    assert!(!again.new_record && !again.changed);
    // A code is redeemed.
    b.codes = vec![
        code("c00", Some(t0 + 100)),
        code("c01", None),
        code("c02", None),
    ];
    let r = ledger
        .observe(&acc, t0 + 120, Origin::Watched, Seen::Voucher(&b.voucher()))
        .unwrap();
    assert!(r.changed);
    // A later answer that (wrongly) lists it as open does not undo the recorded redeem.
    b.codes = codes("c", 3, &[]);
    ledger
        .observe(&acc, t0 + 180, Origin::Watched, Seen::Voucher(&b.voucher()))
        .unwrap();
    // The webhook's answer changes on a later check: recorded.
    let mut c0 = code("c00", Some(t0 + 100));
    c0["callback_status"] = json!(500);
    b.codes = vec![c0, code("c01", None), code("c02", None)];
    ledger
        .observe(&acc, t0 + 240, Origin::Watched, Seen::Voucher(&b.voucher()))
        .unwrap();

    let h = ledger
        .record_history(&Scope::account(&acc), Kind::Voucher, "210N66027HB789")
        .unwrap();
    assert_eq!(h.len(), 1);
    let h = &h[0];
    assert_eq!(h.record.last_checked_at, t0 + 240);
    assert_eq!(h.record.first_seen_at, t0);
    assert_eq!(h.record.origin, Origin::Created);
    let seen: Vec<(i64, Origin)> = h
        .observations
        .iter()
        .map(|o| (o.seen_at, o.origin))
        .collect();
    assert_eq!(
        seen,
        vec![
            (t0, Origin::Created),
            (t0 + 120, Origin::Watched),
            (t0 + 180, Origin::Watched),
            (t0 + 240, Origin::Watched)
        ]
    );
    assert_eq!(h.observations[1].note, Some(json!({"newly_redeemed": 1})));
    assert_eq!(
        h.observations[3].note,
        Some(json!({"webhooks": [{"code": "c00", "status": 500}]}))
    );
    let c00 = &h.codes[0];
    assert_eq!(c00.code, "c00");
    assert_eq!(c00.redeemed_at, Some(t0 + 100));
    assert!(!c00.redeemed_at_estimated);
    assert_eq!(c00.redeem_seen_at, Some(t0 + 120));
    assert_eq!(c00.redeemed_by.as_deref(), Some("fan_c00"));
    assert_eq!(c00.redeemed_tid.as_deref(), Some("128660213994"));
    assert_eq!(c00.callback_status, Some(500));
    assert_eq!(c00.url, "https://www.ninjapay.me/voucher/redeem/c00");
    assert_eq!(h.codes.len(), 3);
    let batch = h.batch.as_ref().unwrap();
    assert_eq!((batch.sats_per_code, batch.code_count), (1_000, 3));
    assert_eq!(batch.expires_at, Some(t0 + 30 * 86_400));
    // The raw answer is kept, without its codes.
    let data = h.data.as_ref().unwrap();
    assert_eq!(data["title"], "Diwali");
    assert!(data.get("voucher_urls").is_none());
    // The codes export from the ledger says which redeem times are Ninjapay's.
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&h.to_table(), 330)).unwrap();
    assert!(csv.contains(",c00,https://www.ninjapay.me/voucher/redeem/c00,redeemed,0.00001000,1000,fan_c00,128660213994,"), "{csv}");
    assert!(csv.contains(",500,no\r\n"), "{csv}");
}

#[test]
fn a_redeem_without_a_time_is_dated_when_first_seen_and_marked_until_ninjapay_says() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = Account::Sandbox;
    let t0 = 1_714_900_000;
    let mut b = Batch {
        tid: "EST1",
        amount: "0.00001",
        created: t0,
        expires: None,
        revoked_at: None,
        codes: vec![
            json!({"voucher_url": "https://www.ninjapay.me/voucher/redeem/e1",
                           "voucher_code": "e1", "redeemed_by": "bob"}),
            code("e2", None),
        ],
        title: "",
    };
    ledger
        .observe(
            &acc,
            t0 + 500,
            Origin::LookedUp,
            Seen::Voucher(&b.voucher()),
        )
        .unwrap();
    let codes_now = |l: &Ledger| {
        l.record_history(&Scope::account(&acc), Kind::Voucher, "EST1")
            .unwrap()
            .remove(0)
            .codes
    };
    let c = &codes_now(&ledger)[0];
    assert_eq!(
        (c.redeemed_at, c.redeemed_at_estimated),
        (Some(t0 + 500), true)
    );
    b.codes[0]["redeemed_at"] = json!(t0 + 200);
    ledger
        .observe(
            &acc,
            t0 + 900,
            Origin::LookedUp,
            Seen::Voucher(&b.voucher()),
        )
        .unwrap();
    let c = &codes_now(&ledger)[0];
    assert_eq!(
        (c.redeemed_at, c.redeemed_at_estimated),
        (Some(t0 + 200), false)
    );
    assert_eq!(c.redeem_seen_at, Some(t0 + 500));

    // A revocation answer dates the batch's revocation; the batch is then final.
    let rev: Revocation = de(json!({"tid": "EST1", "revoked": true, "revoked_at": t0 + 1_000}));
    let o = ledger
        .observe(
            &acc,
            t0 + 1_001,
            Origin::Created,
            Seen::VoucherRevoked(&rev),
        )
        .unwrap();
    assert_eq!(o.status, Status::Revoked);
    let h = ledger
        .record_history(&Scope::account(&acc), Kind::Voucher, "EST1")
        .unwrap()
        .remove(0);
    assert_eq!(h.batch.unwrap().revoked_at, Some(t0 + 1_000));
    assert_eq!(h.record.completed_at, Some(t0 + 1_000));
    assert!(h.record.is_final);
    // Amounts and title survive a revocation answer that carries neither.
    assert_eq!(h.record.sats, Some(2_000));
    assert!(ledger
        .open_batches(&Scope::account(&acc))
        .unwrap()
        .is_empty());
}

#[test]
fn sandbox_and_live_never_mix_and_each_server_and_wallet_is_its_own() {
    let ledger = Ledger::open_in_memory().unwrap();
    let t = 1_714_900_000;
    let p = payment(
        "SAME1",
        "0.0005",
        "paid",
        t,
        json!({"description": "Table 4"}),
    );
    ledger
        .observe(&Account::Sandbox, t, Origin::LookedUp, Seen::Payment(&p))
        .unwrap();
    ledger
        .observe(&live(), t, Origin::LookedUp, Seen::Payment(&p))
        .unwrap();
    let p2 = payment("OTHER1", "0.0001", "paid", t, json!({}));
    ledger
        .observe(&other_live(), t, Origin::LookedUp, Seen::Payment(&p2))
        .unwrap();

    let count = |scope: Scope| ledger.records(&query(scope)).unwrap().total;
    assert_eq!(count(Scope::account(&Account::Sandbox)), 1);
    assert_eq!(count(Scope::account(&live())), 1);
    assert_eq!(count(Scope::mode(Mode::Live)), 2);
    assert_eq!(count(Scope::mode(Mode::Sandbox)), 1);
    assert_eq!(count(Scope::BothModes), 3);
    let live_rows = ledger
        .records(&query(Scope::mode(Mode::Live)))
        .unwrap()
        .rows;
    assert!(live_rows.iter().all(|r| r.account.mode == Mode::Live));

    // The wallet: records filed before the ninjatag was known are adopted by it.
    ledger.set_ninjatag(&live(), Some("@shop")).unwrap();
    let rows = ledger
        .records(&query(Scope::account(&live())))
        .unwrap()
        .rows;
    assert_eq!(rows[0].account.ninjatag.as_deref(), Some("shop"));
    // Another wallet (a new key) at the same server: its own records.
    ledger.set_ninjatag(&live(), None).unwrap();
    ledger.set_ninjatag(&live(), Some("cafe")).unwrap();
    let p3 = payment("CAFE1", "0.0002", "paid", t + 10, json!({}));
    ledger
        .observe(&live(), t + 10, Origin::LookedUp, Seen::Payment(&p3))
        .unwrap();
    assert_eq!(count(Scope::account(&live())), 2);
    assert_eq!(
        tids(&ledger, &query(Scope::wallet(&live(), "cafe"))),
        vec!["CAFE1"]
    );
    assert_eq!(
        tids(&ledger, &query(Scope::wallet(&live(), "shop"))),
        vec!["SAME1"]
    );
    // Back to the first wallet: new records go there again.
    ledger.set_ninjatag(&live(), Some("shop")).unwrap();
    let p4 = payment("SHOP2", "0.0002", "paid", t + 20, json!({}));
    ledger
        .observe(&live(), t + 20, Origin::LookedUp, Seen::Payment(&p4))
        .unwrap();
    assert_eq!(
        tids(&ledger, &query(Scope::wallet(&live(), "shop"))),
        vec!["SHOP2", "SAME1"]
    );
    let accounts = ledger.accounts().unwrap();
    assert_eq!(accounts.len(), 4, "{accounts:?}");

    // Reports follow the scope too.
    let lightning = ledger
        .lightning_per_day(
            &Scope::mode(Mode::Sandbox),
            date!(2024 - 05 - 05),
            date!(2024 - 05 - 05),
            0,
        )
        .unwrap();
    assert_eq!(
        (lightning.total.count_in, lightning.total.received_sats),
        (1, 50_000)
    );
    let lightning = ledger
        .lightning_per_day(
            &Scope::mode(Mode::Live),
            date!(2024 - 05 - 05),
            date!(2024 - 05 - 05),
            0,
        )
        .unwrap();
    assert_eq!(
        (lightning.total.count_in, lightning.total.received_sats),
        (4, 100_000)
    );
}

#[test]
fn search_filters_sort_and_pages() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let day = 86_400;
    let t = 1_714_867_200; // 2024-05-05 00:00 UTC
    let pay = |tid: &str, amount: &str, status: &str, at: i64, extra| {
        ledger
            .observe(
                &acc,
                at + 5,
                Origin::LookedUp,
                Seen::Payment(&payment(tid, amount, status, at, extra)),
            )
            .unwrap();
    };
    pay(
        "198A60SO23PN99N7",
        "0.001",
        "paid",
        t,
        json!({"description": "Chai for Table 4", "receiver_ninjatag": "Ravi"}),
    );
    pay(
        "198B77",
        "-0.002",
        "paid",
        t + day,
        json!({"description": "Supplier payment"}),
    );
    pay(
        "298C11",
        "0.0005",
        "pending",
        t + 2 * day,
        json!({"description": "Ünïcode Café", "customer_name": "Asha"}),
    );
    ledger
        .observe(
            &acc,
            t + 3 * day,
            Origin::LookedUp,
            Seen::Quote(&quote(
                198660213997,
                "success",
                t + 3 * day,
                "4000.22",
                "0.00061",
                "shop@upi",
            )),
        )
        .unwrap();
    ledger
        .observe(
            &acc,
            t + 4 * day,
            Origin::Created,
            Seen::Voucher(
                &Batch {
                    tid: "V1",
                    amount: "0.0001",
                    created: t + 4 * day,
                    expires: None,
                    revoked_at: None,
                    codes: codes("v", 2, &[]),
                    title: "Diwali giveaway",
                }
                .voucher(),
            ),
        )
        .unwrap();

    let mut q = query(Scope::account(&acc));
    assert_eq!(
        tids(&ledger, &q),
        vec!["V1", "198660213997", "298C11", "198B77", "198A60SO23PN99N7"]
    );
    q.text = Some("198".into()); // tid prefix
    assert_eq!(
        tids(&ledger, &q),
        vec!["198660213997", "198B77", "198A60SO23PN99N7"]
    );
    q.page = 5; // past the end: no rows, the total still right
    assert_eq!(ledger.records(&q).unwrap().total, 3);
    assert!(ledger.records(&q).unwrap().rows.is_empty());
    q.page = 0;
    q.text = Some("198a6".into()); // case-insensitive
    assert_eq!(tids(&ledger, &q), vec!["198A60SO23PN99N7"]);
    q.text = Some("table chai".into()); // every word, any order
    assert_eq!(tids(&ledger, &q), vec!["198A60SO23PN99N7"]);
    q.text = Some("ravi".into()); // counterparty
    assert_eq!(tids(&ledger, &q), vec!["198A60SO23PN99N7"]);
    q.text = Some("SHOP@UPI".into());
    assert_eq!(tids(&ledger, &q), vec!["198660213997"]);
    q.text = Some("ÜNÏCODE".into()); // non-ASCII folds too
    assert_eq!(tids(&ledger, &q), vec!["298C11"]);
    q.text = Some("100%_".into()); // no LIKE wildcards
    assert!(tids(&ledger, &q).is_empty());

    let mut q = query(Scope::account(&acc));
    q.kinds = vec![Kind::Payment];
    q.statuses = vec![Status::Paid];
    assert_eq!(tids(&ledger, &q), vec!["198B77", "198A60SO23PN99N7"]);
    q.direction = Some(Direction::Out);
    assert_eq!(tids(&ledger, &q), vec!["198B77"]);

    // Dates are the user's: 2024-05-06 in IST runs from 05-05 18:30 UTC.
    let mut q = query(Scope::account(&acc));
    q.from = Some(date!(2024 - 05 - 06));
    q.to = Some(date!(2024 - 05 - 07));
    assert_eq!(tids(&ledger, &q), vec!["298C11", "198B77"]);
    q.utc_offset_minutes = 330;
    assert_eq!(tids(&ledger, &q), vec!["298C11", "198B77"]);
    q.utc_offset_minutes = -600; // 05-06 00:00 at −10:00 = 05-06 10:00 UTC
    assert_eq!(tids(&ledger, &q), vec!["198660213997", "298C11"]);

    // Sort by amount (sats), records without sats last; pages with the total.
    let mut q = query(Scope::account(&acc));
    q.sort = Sort::Amount;
    q.desc = false;
    q.page_size = 2;
    let p = ledger.records(&q).unwrap();
    assert_eq!(p.total, 5);
    assert_eq!(
        p.rows.iter().map(|r| r.sats.unwrap()).collect::<Vec<_>>(),
        vec![20_000, 50_000]
    );
    q.page = 2;
    let p = ledger.records(&q).unwrap();
    assert_eq!(
        p.rows.iter().map(|r| r.tid.as_str()).collect::<Vec<_>>(),
        vec!["198B77"]
    );
    q.sort = Sort::Title;
    q.page = 0;
    q.page_size = 0;
    assert_eq!(ledger.records(&q).unwrap().rows.len(), 5);

    // The rows carry exact amounts, direction, counterparty and ₹.
    let all = ledger.records(&query(Scope::account(&acc))).unwrap().rows;
    let quote_row = all.iter().find(|r| r.kind == Kind::Quote).unwrap();
    assert_eq!(quote_row.inr().unwrap().to_string(), "4000.22");
    assert_eq!(quote_row.sats, Some(61_000));
    assert_eq!(quote_row.counterparty.as_deref(), Some("shop@upi"));
    let out = all.iter().find(|r| r.tid == "198B77").unwrap();
    assert_eq!(
        (out.direction, out.amount.unwrap().to_string()),
        (Some(Direction::Out), "0.002".to_owned())
    );

    // A query from the UI, as JSON.
    let q: RecordQuery = serde_json::from_value(json!({
        "scope": {"scope": "mode", "mode": "live"}, "text": "diwali", "kinds": ["voucher"],
        "from": "2024-05-01", "to": "", "sort": "last_checked"
    }))
    .unwrap();
    assert_eq!(tids(&ledger, &q), vec!["V1"]);
    let json = serde_json::to_value(ledger.records(&q).unwrap()).unwrap();
    assert_eq!(json["rows"][0]["amount"], "0.0002");
    assert_eq!(
        json["rows"][0]["account"]["account"]["apiUrl"],
        "https://api.ninjapay.me"
    );
    assert_eq!(json["total"], 1);
}

#[test]
fn created_then_checked_records_fill_in_and_older_answers_do_not_win() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let t = 1_714_900_000;
    // A quote just created (no status, no time), then checked.
    let qi = quote_invoice(21066027789, "1000", "12.5", "usdt", "ravi");
    ledger
        .observe(&acc, t, Origin::Created, Seen::QuoteInvoice(&qi))
        .unwrap();
    let mut q: ninjapay::Quote = de(json!({"tid": 21066027789u64, "status": "Completed",
        "created_at": t - 5, "transaction_time": "2024-05-05T12:00:00Z", "fiat_amount": 1000}));
    q.invoice.receiver_ninjatag = Some("ravi".into());
    ledger
        .observe(&acc, t + 60, Origin::Watched, Seen::Quote(&q))
        .unwrap();
    let h = ledger
        .record_history(&Scope::account(&acc), Kind::Quote, "21066027789")
        .unwrap()
        .remove(0);
    assert_eq!(h.record.status, Status::Success);
    assert_eq!(h.record.asset.as_deref(), Some("USDT"));
    assert_eq!(h.record.amount.unwrap().to_string(), "12.5");
    assert_eq!(h.record.sats, None, "USDT has no sats");
    assert_eq!(h.record.created_at, t - 5);
    assert_eq!(h.record.completed_at, Some(1_714_910_400));
    assert_eq!(h.observations.len(), 2);

    // An older answer (an import of the time it was pending) does not replace the state.
    let old = quote(21066027789, "pending", t - 5, "1000", "0.001", "x@upi");
    let o = ledger
        .observe(&acc, t - 1, Origin::Imported, Seen::Quote(&old))
        .unwrap();
    assert_eq!(o.status, Status::Success);
    let h = ledger
        .record_history(&Scope::account(&acc), Kind::Quote, "21066027789")
        .unwrap()
        .remove(0);
    assert_eq!(h.record.counterparty.as_deref(), Some("ravi"));
    assert_eq!(h.record.first_seen_at, t - 1);
    assert_eq!(h.observations[0].seen_at, t - 1, "kept in time order");

    // A send: the record exists from the receipt, the check fills it in.
    let request: SendRequest = de(json!({"payment_mode": "ninjatag", "ninjatag": "asha",
        "amount": "0.0018", "description": "Refund"}));
    let receipt: SendReceipt = de(json!({"tid": "128390A389H2920", "message": "Paid"}));
    let o = ledger
        .observe(
            &acc,
            t,
            Origin::Created,
            Seen::Sent {
                receipt: &receipt,
                request: &request,
            },
        )
        .unwrap();
    assert_eq!(o.status, Status::Pending);
    ledger
        .observe(
            &acc,
            t + 30,
            Origin::Watched,
            Seen::Payment(&payment("128390A389H2920", "-0.0018", "paid", t, json!({}))),
        )
        .unwrap();
    let row = ledger
        .record_history(&Scope::account(&acc), Kind::Payment, "128390A389H2920")
        .unwrap()
        .remove(0)
        .record;
    assert_eq!(
        (row.status, row.direction, row.sats),
        (Status::Paid, Some(Direction::Out), Some(180_000))
    );
    assert_eq!(row.counterparty.as_deref(), Some("asha"));
    assert_eq!(row.title.as_deref(), Some("Refund"));
    assert_eq!(row.completed_at, Some(t + 30));

    // A token: created (with its request), then checked.
    let created: TokenCreated = de(json!({"token": 198660213997u64}));
    let request: ninjapay::TokenRequest = de(json!({"widget_mode": "offramp", "amount": "0.0001"}));
    ledger
        .observe(
            &acc,
            t,
            Origin::Created,
            Seen::TokenCreated {
                created: &created,
                request: Some(&request),
            },
        )
        .unwrap();
    let detail: TokenDetail = de(json!({"tid": 198660213997u64, "payment_mode": "lightning",
        "amount": -0.0001, "status": "paid", "created_at": t}));
    let o = ledger
        .observe(&acc, t + 30, Origin::Watched, Seen::Token(&detail))
        .unwrap();
    assert!(!o.new_record);
    assert_eq!(o.status, Status::Paid);

    // An order and its revocation.
    let ord = order("ORD1", json!({"filled_percent": 40}));
    assert_eq!(
        ledger
            .observe(&acc, t, Origin::LookedUp, Seen::Order(&ord))
            .unwrap()
            .status,
        Status::PartiallyFilled
    );
    let rev: Revocation = de(json!({"tid": "ORD1", "revoked": true, "revoked_at": t + 99}));
    ledger
        .observe(&acc, t + 100, Origin::Created, Seen::OrderRevoked(&rev))
        .unwrap();
    let row = ledger
        .record_history(&Scope::account(&acc), Kind::Order, "ORD1")
        .unwrap()
        .remove(0)
        .record;
    assert_eq!(
        (row.status, row.completed_at),
        (Status::Revoked, Some(t + 99))
    );
    assert_eq!(row.amount.unwrap().to_string(), "0.01");
}

#[test]
fn payouts_with_totals_per_status_and_lightning_per_day() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let t = 1_714_867_200; // 2024-05-05 00:00 UTC
    for (tid, status, inr, btc) in [
        (1u64, "success", "4000.22", "0.0006"),
        (2, "success", "1000.10", "0.00015"),
        (3, "failed", "500", "0.0001"),
        (4, "pending", "250.5", "0.00005"),
    ] {
        ledger
            .observe(
                &acc,
                t + 100,
                Origin::LookedUp,
                Seen::Quote(&quote(tid, status, t + tid as i64, inr, btc, "shop@upi")),
            )
            .unwrap();
    }
    let p = ledger
        .payouts(
            &Scope::account(&acc),
            date!(2024 - 05 - 05),
            date!(2024 - 05 - 05),
            0,
        )
        .unwrap();
    assert_eq!(p.rows.len(), 4);
    assert_eq!(p.rows[0].tid, "4");
    let ok = p
        .totals
        .iter()
        .find(|s| s.status == Status::Success)
        .unwrap();
    assert_eq!(
        (ok.count, ok.inr.to_string(), ok.sats),
        (2, "5000.32".to_owned(), 75_000)
    );
    assert_eq!(ok.assets["BTC"], "0.00075");
    assert_eq!(p.totals.len(), 3);
    let ok_row = p.rows.iter().find(|r| r.tid == "1").unwrap();
    assert_eq!(ok_row.completed_at, Some(t + 100), "first seen completed");
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&p.totals_table(), 0)).unwrap();
    assert!(
        csv.contains("\r\nsuccess,2,5000.32,75000,0.00075 BTC\r\n"),
        "{csv}"
    );
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&p.to_table(), 0)).unwrap();
    assert!(
        csv.contains(",shop@upi,upi,500.00,BTC,0.0001,10000,failed,"),
        "{csv}"
    );

    for (tid, amount, status, at) in [
        ("in1", "0.001", "paid", t + 10),
        ("in2", "0.002", "paid", t + 86_400 + 10),
        ("out1", "-0.0005", "paid", t + 20),
        ("pend", "0.5", "pending", t + 30),
        ("decl", "-0.5", "declined", t + 40),
    ] {
        ledger
            .observe(
                &acc,
                at + 5,
                Origin::LookedUp,
                Seen::Payment(&payment(tid, amount, status, at, json!({}))),
            )
            .unwrap();
    }
    let days = ledger
        .lightning_per_day(
            &Scope::account(&acc),
            date!(2024 - 05 - 04),
            date!(2024 - 05 - 06),
            0,
        )
        .unwrap();
    let got: Vec<(String, i64, i64, i64, i64)> = days
        .days
        .iter()
        .map(|d| {
            (
                d.date.to_string(),
                d.received_sats,
                d.sent_sats,
                d.count_in,
                d.count_out,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-05-04".to_owned(), 0, 0, 0, 0),
            ("2024-05-05".to_owned(), 100_000, 50_000, 1, 1),
            ("2024-05-06".to_owned(), 200_000, 0, 1, 0),
        ]
    );
    assert_eq!(
        (days.total.received_sats, days.total.sent_sats),
        (300_000, 50_000)
    );
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&days.to_table(), 0)).unwrap();
    assert!(
        csv.contains("\r\n2024-05-05,100000,0.00100000,1,50000,0.00050000,1\r\n"),
        "{csv}"
    );
}

#[test]
fn recent_activity_and_the_watch_store_are_imported_once() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = Account::Sandbox;
    let recent = r#"[
        {"kind":"voucher","tid":"210N66027HB789","label":"Diwali","action":"created","at":1714912928123},
        {"kind":"payment","tid":"198A60SO23PN99N7","label":"Table 4","action":"looked up","at":1714912000000},
        {"kind":"nonsense","tid":"X","label":"","action":"looked up","at":1},
        {"kind":"quote","tid":198660213997,"label":"to shop@upi","action":"created","at":1714913000000},
        {"tid":"no kind"}
    ]"#;

    // The watch store as `ninjapay_watch::Store` writes it (`StoreFile` version 1, camelCase;
    // the second watch is from a file written before watches had an account).
    let store = json!({
        "version": 1, "nextId": 3,
        "watches": [
            {"id": 1, "account": {"mode": "live", "apiUrl": "https://api.ninjapay.me",
                                  "prodUrl": "https://prod.ninjapay.me"},
             "kind": "payment", "tid": "LIVEPAY1", "startedAt": 1_714_900_000_000i64,
             "firstCheckMs": 20_000, "attempt": 4, "lastCheckedAt": 1_714_900_100_000i64,
             "schedulePosMs": 100_000, "status": "paid", "rawStatus": "paid", "ended": true,
             "error": null, "amount": {"value": "0.0005", "currency": "BTC"},
             "fiat": {"value": "2500", "currency": "INR"}, "label": "Table 9"},
            {"id": 2, "kind": "voucher", "tid": "210N66027HB789",
             "startedAt": 1_714_912_930_000i64, "firstCheckMs": 21_000, "attempt": 30,
             "lastCheckedAt": null, "schedulePosMs": 600_000, "status": "stillPending",
             "rawStatus": null, "ended": true, "error": null,
             "amount": {"value": "0.0003", "currency": "BTC"}, "fiat": null, "label": null}
        ]
    })
    .to_string();

    let ran = ledger
        .import_once("recent-activity", |imp| {
            imp.recent_activity(&acc, recent).map(|n| assert_eq!(n, 3))
        })
        .unwrap();
    assert!(ran);
    assert!(ledger
        .import_once("watch-store", |imp| imp
            .watch_store(&acc, &store)
            .map(|n| assert_eq!(n, 2)))
        .unwrap());
    // Once only.
    assert!(!ledger
        .import_once("recent-activity", |_| panic!("ran twice"))
        .unwrap());
    assert!(ledger.imported("watch-store").unwrap());
    // A failed import leaves nothing and runs again.
    let err = ledger.import_once("broken", |imp| {
        imp.recent_activity(&acc, "{not json").map(|_| ())
    });
    assert!(err.is_err());
    assert!(!ledger.imported("broken").unwrap());

    let sandbox = ledger.records(&query(Scope::account(&acc))).unwrap();
    assert_eq!(sandbox.total, 3);
    let v = ledger
        .record_history(&Scope::account(&acc), Kind::Voucher, "210N66027HB789")
        .unwrap()
        .remove(0);
    assert_eq!(v.record.origin, Origin::Imported);
    assert_eq!(
        v.record.status,
        Status::Open,
        "the watch store knew more than recent activity"
    );
    assert_eq!(v.record.sats, Some(30_000));
    assert_eq!(v.record.title.as_deref(), Some("Diwali"));
    assert_eq!(
        v.observations[0].note.as_ref().unwrap()["action"],
        "created"
    );
    let live_rows = ledger
        .records(&query(Scope::account(&live())))
        .unwrap()
        .rows;
    assert_eq!(live_rows.len(), 1);
    let p = &live_rows[0];
    assert_eq!(
        (p.tid.as_str(), p.status, p.sats),
        ("LIVEPAY1", Status::Paid, Some(50_000))
    );
    assert_eq!(p.inr().unwrap().to_string(), "2500");
    assert_eq!(p.last_checked_at, 1_714_900_100);
    assert_eq!(p.title.as_deref(), Some("Table 9"));
    // Imported vouchers without codes are listed for a refresh.
    let open = ledger.open_batches(&Scope::BothModes).unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].never_checked);
    assert_eq!(open[0].account, Account::Sandbox);
}
