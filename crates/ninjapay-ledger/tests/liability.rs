//! Voucher liability as of a date, redemptions over time, and the batches to re-check.

mod common;

use common::*;
use ninjapay::Account;
use ninjapay_ledger::{end_of_day, Bucket, ImportItem, Kind, Ledger, Origin, Scope, Seen, Status};
use time::macros::date;

const IST: i32 = 330;
const UTC: i32 = 0;

fn observe_batch(ledger: &Ledger, account: &Account, seen_at: i64, b: &Batch<'_>) {
    ledger
        .observe(
            account,
            seen_at,
            Origin::LookedUp,
            Seen::Voucher(&b.voucher()),
        )
        .unwrap();
}

#[test]
fn liability_across_expiry_revoke_and_a_redeem_at_the_cutoff() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let day = date!(2024 - 05 - 05);
    let c = end_of_day(day, UTC).unwrap();
    assert_eq!(c, 1_714_953_599, "23:59:59 UTC on 5 May 2024");
    let seen = c + 1_000;
    let batches = [
        // 4 codes of 1,000 sats: one redeemed exactly at the cutoff (counts as redeemed), one a
        // second later (still open then), one earlier, one never.
        Batch {
            tid: "A",
            amount: "0.00001",
            created: c - 3 * 86_400,
            expires: None,
            revoked_at: None,
            codes: vec![
                code("a1", Some(c)),
                code("a2", Some(c + 1)),
                code("a3", Some(c - 100)),
                code("a4", None),
            ],
            title: "Diwali",
        },
        // Expires exactly at the cutoff: nothing redeemable by then.
        Batch {
            tid: "B",
            amount: "0.0000001",
            created: c - 3 * 86_400,
            expires: Some(c),
            revoked_at: None,
            codes: codes("b", 1, &[]),
            title: "expires at the cutoff",
        },
        // Expires a second after it: still owed.
        Batch {
            tid: "C",
            amount: "0.000005",
            created: c - 3 * 86_400,
            expires: Some(c + 1),
            revoked_at: None,
            codes: codes("c", 2, &[]),
            title: "expires after",
        },
        // Revoked exactly at the cutoff.
        Batch {
            tid: "D",
            amount: "0.0000002",
            created: c - 3 * 86_400,
            expires: None,
            revoked_at: Some(c),
            codes: codes("d", 1, &[]),
            title: "revoked at the cutoff",
        },
        // Revoked a second after it.
        Batch {
            tid: "E",
            amount: "0.000003",
            created: c - 3 * 86_400,
            expires: None,
            revoked_at: Some(c + 1),
            codes: codes("e", 1, &[]),
            title: "revoked after",
        },
        // Created after the day.
        Batch {
            tid: "F",
            amount: "0.001",
            created: c + 1,
            expires: None,
            revoked_at: None,
            codes: codes("f", 1, &[]),
            title: "later",
        },
        // Created at the cutoff's very second.
        Batch {
            tid: "G",
            amount: "0.00000007",
            created: c,
            expires: None,
            revoked_at: None,
            codes: codes("g", 1, &[]),
            title: "last second",
        },
    ];
    for b in &batches {
        observe_batch(&ledger, &acc, seen, b);
    }
    let l = ledger.liability(&Scope::account(&acc), day, UTC).unwrap();
    let per: Vec<(&str, i64, i64)> = l
        .batches
        .iter()
        .map(|b| (b.tid.as_str(), b.open_codes_as_of, b.outstanding_sats))
        .collect();
    assert_eq!(
        per,
        vec![("A", 2, 2_000), ("C", 2, 1_000), ("E", 1, 300), ("G", 1, 7)]
    );
    assert_eq!(l.total_sats, 3_307);
    assert_eq!(l.total_btc.to_string(), "0.00003307");
    assert_eq!(l.open_codes, 6);
    assert_eq!(l.cutoff, c);
    assert!(l.batches.iter().all(|b| b.checked_after_cutoff));
    let a = &l.batches[0];
    assert_eq!(a.amount_per_code.to_string(), "0.00001");
    assert_eq!((a.code_count, a.sats_per_code), (4, 1_000));
    assert_eq!(a.title.as_deref(), Some("Diwali"));
    assert_eq!(a.account.account, acc);

    // The day before: the redeem at c - 100 had not happened, B had not expired, D was not
    // revoked, G did not exist.
    let l = ledger
        .liability(&Scope::account(&acc), date!(2024 - 05 - 04), UTC)
        .unwrap();
    let per: Vec<(&str, i64)> = l
        .batches
        .iter()
        .map(|b| (b.tid.as_str(), b.outstanding_sats))
        .collect();
    assert_eq!(
        per,
        vec![("A", 4_000), ("B", 10), ("C", 1_000), ("D", 20), ("E", 300)]
    );
    assert_eq!(l.total_sats, 5_330);

    // The report as a table: one row per batch and a total row, exact in CSV.
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&l.to_table(), UTC)).unwrap();
    let last = csv.trim_end().lines().last().unwrap().to_owned();
    assert!(last.starts_with("Total,"), "{last}");
    assert!(last.ends_with(",9,5330,0.00005330"), "{last}");
}

#[test]
fn ist_and_utc_disagree_about_a_redeem_at_20_00_utc() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = Account::Sandbox;
    // 2024-05-05 20:00:00 UTC = 2024-05-06 01:30:00 IST.
    let redeem = 1_714_939_200;
    let b = Batch {
        tid: "210N66027HB789",
        amount: "0.00001",
        created: redeem - 5 * 86_400,
        expires: None,
        revoked_at: None,
        codes: codes("x", 2, &[redeem]),
        title: "Holi",
    };
    observe_batch(&ledger, &acc, redeem + 3_600, &b);
    let scope = Scope::account(&acc);
    let day = date!(2024 - 05 - 05);
    let utc = ledger.liability(&scope, day, UTC).unwrap();
    let ist = ledger.liability(&scope, day, IST).unwrap();
    assert_eq!((utc.open_codes, utc.total_sats), (1, 1_000));
    assert_eq!((ist.open_codes, ist.total_sats), (2, 2_000));
    assert_eq!(ist.cutoff, 1_714_933_799, "23:59:59 IST = 18:29:59 UTC");

    let per_day = |offset| {
        ledger
            .redemptions(&scope, day, date!(2024 - 05 - 06), Bucket::Day, offset)
            .unwrap()
            .buckets
            .iter()
            .map(|b| (b.start_date.to_string(), b.count, b.value_sats))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        per_day(UTC),
        vec![
            ("2024-05-05".to_owned(), 1, 1_000),
            ("2024-05-06".to_owned(), 0, 0)
        ]
    );
    assert_eq!(
        per_day(IST),
        vec![
            ("2024-05-05".to_owned(), 0, 0),
            ("2024-05-06".to_owned(), 1, 1_000)
        ]
    );
    // A negative offset (New York, −04:00) puts it on the 5th as well.
    assert_eq!(per_day(-240)[0].1, 1);
}

#[test]
fn batches_never_rechecked_keep_their_last_known_state_and_say_when() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    let created = 1_713_600_000; // 2024-04-20 08:00 UTC
    let checked = 1_714_557_600; // 2024-05-01 10:00 UTC
    let b = Batch {
        tid: "OLD1",
        amount: "0.0001",
        created,
        expires: None,
        revoked_at: None,
        codes: codes("o", 3, &[created + 3_600]),
        title: "Spring",
    };
    observe_batch(&ledger, &acc, checked, &b);
    // Another batch, checked later and still open.
    let b2 = Batch {
        tid: "NEW1",
        amount: "0.0001",
        created,
        expires: None,
        revoked_at: None,
        codes: codes("n", 1, &[]),
        title: "Summer",
    };
    observe_batch(&ledger, &acc, checked + 86_400, &b2);
    // A fully redeemed batch: final, so not worth re-checking.
    let b3 = Batch {
        tid: "DONE1",
        amount: "0.0001",
        created,
        expires: None,
        revoked_at: None,
        codes: codes("d", 1, &[created + 60]),
        title: "Done",
    };
    observe_batch(&ledger, &acc, checked - 86_400, &b3);
    let scope = Scope::account(&acc);

    let later = ledger
        .liability(&scope, date!(2024 - 05 - 10), UTC)
        .unwrap();
    let old = later.batches.iter().find(|b| b.tid == "OLD1").unwrap();
    assert_eq!(old.open_codes_as_of, 2, "the last known state");
    assert_eq!(old.last_checked_at, checked);
    assert!(!old.checked_after_cutoff, "not checked since: says so");
    let earlier = ledger
        .liability(&scope, date!(2024 - 04 - 30), UTC)
        .unwrap();
    let old = earlier.batches.iter().find(|b| b.tid == "OLD1").unwrap();
    assert!(old.checked_after_cutoff);
    assert_eq!(old.open_codes_as_of, 2);

    // Known only by tid (imported from recent activity): listed as never checked, first.
    ledger
        .import_once("recent", |imp| {
            imp.item(
                &acc,
                &ImportItem {
                    kind: Kind::Voucher,
                    tid: "IMPORTED1".into(),
                    label: Some("from before".into()),
                    action: Some("created".into()),
                    at: created,
                    created_at: None,
                    status: Status::Unknown,
                    raw_status: None,
                    amount: None,
                    fiat: None,
                    raw: None,
                },
            )
            .map(|_| ())
        })
        .unwrap();
    let open: Vec<(String, bool, i64)> = ledger
        .open_batches(&scope)
        .unwrap()
        .into_iter()
        .map(|b| (b.tid.to_string(), b.never_checked, b.last_checked_at))
        .collect();
    assert_eq!(
        open,
        vec![
            ("IMPORTED1".to_owned(), true, created),
            ("OLD1".to_owned(), false, checked),
            ("NEW1".to_owned(), false, checked + 86_400),
        ]
    );
    let l = ledger
        .liability(&scope, date!(2024 - 05 - 10), UTC)
        .unwrap();
    assert_eq!(l.unchecked_batches, vec!["IMPORTED1".to_owned()]);
    assert!(ledger
        .open_batches(&Scope::mode(ninjapay::Mode::Sandbox))
        .unwrap()
        .is_empty());
}

#[test]
fn one_satoshi_times_a_hundred_codes_is_exactly_a_hundred_sats() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = Account::Sandbox;
    let b = Batch {
        tid: "SAT1",
        amount: "0.00000001",
        created: 1_714_000_000,
        expires: None,
        revoked_at: None,
        codes: codes("s", 100, &[1_714_000_100; 30]),
        title: "one sat each",
    };
    observe_batch(&ledger, &acc, 1_714_100_000, &b);
    let scope = Scope::account(&acc);
    let rec = ledger
        .records(&ninjapay_ledger::RecordQuery::new(scope.clone()))
        .unwrap();
    assert_eq!(rec.rows[0].amount.unwrap().to_string(), "0.00000100");
    assert_eq!(rec.rows[0].sats, Some(100));
    let l = ledger
        .liability(&scope, date!(2024 - 05 - 01), UTC)
        .unwrap();
    assert_eq!(
        (l.total_sats, l.total_btc.to_string()),
        (70, "0.00000070".to_owned())
    );
    let r = ledger
        .redemptions(
            &scope,
            date!(2024 - 04 - 01),
            date!(2024 - 06 - 30),
            Bucket::Month,
            UTC,
        )
        .unwrap();
    assert_eq!((r.total_count, r.total_sats), (30, 30));
    assert_eq!(r.total_btc.to_string(), "0.00000030");
    assert_eq!(r.buckets.len(), 3);
    assert_eq!(r.buckets[0].start_date, date!(2024 - 04 - 01));
    assert_eq!(r.buckets[0].count, 30);
    // The xlsx of the report writes numbers as numbers.
    let bytes = ninjapay_ledger::xlsx_bytes(&r.to_table(), UTC).unwrap();
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn redemptions_per_week_and_month_with_totals() {
    let ledger = Ledger::open_in_memory().unwrap();
    let acc = live();
    // Mon 2024-04-29 .. : redeems on Sun 28 Apr, Mon 29 Apr, Wed 1 May, Fri 31 May 23:59:59.
    let t = |s: &str| {
        time::PrimitiveDateTime::parse(
            s,
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        )
        .unwrap()
        .assume_utc()
        .unix_timestamp()
    };
    let b = Batch {
        tid: "W1",
        amount: "0.00002",
        created: t("2024-04-01 00:00:00"),
        expires: None,
        revoked_at: None,
        codes: codes(
            "w",
            5,
            &[
                t("2024-04-28 12:00:00"),
                t("2024-04-29 00:00:00"),
                t("2024-05-01 09:00:00"),
                t("2024-05-31 23:59:59"),
                t("2024-06-01 00:00:00"),
            ],
        ),
        title: "weeks",
    };
    observe_batch(&ledger, &acc, t("2024-06-02 00:00:00"), &b);
    let scope = Scope::account(&acc);
    let weeks = ledger
        .redemptions(
            &scope,
            date!(2024 - 04 - 28),
            date!(2024 - 05 - 31),
            Bucket::Week,
            UTC,
        )
        .unwrap();
    let w: Vec<(String, i64)> = weeks
        .buckets
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| (b.start_date.to_string(), b.count))
        .collect();
    assert_eq!(
        w,
        vec![
            ("2024-04-22".to_owned(), 1),
            ("2024-04-29".to_owned(), 2),
            ("2024-05-27".to_owned(), 1)
        ]
    );
    assert_eq!(weeks.buckets.len(), 6);
    assert_eq!((weeks.total_count, weeks.total_sats), (4, 8_000));
    let months = ledger
        .redemptions(
            &scope,
            date!(2024 - 04 - 01),
            date!(2024 - 06 - 30),
            Bucket::Month,
            UTC,
        )
        .unwrap();
    let m: Vec<i64> = months.buckets.iter().map(|b| b.count).collect();
    assert_eq!(m, vec![2, 2, 1]);
    let csv = String::from_utf8(ninjapay_ledger::csv_bytes(&months.to_table(), UTC)).unwrap();
    assert!(
        csv.contains("\r\n2024-05-01,2,4000,0.00004000\r\n"),
        "{csv}"
    );
    assert!(csv.ends_with("Total,5,10000,0.00010000\r\n"), "{csv}");
    assert!(ledger
        .redemptions(
            &scope,
            date!(2024 - 05 - 02),
            date!(2024 - 05 - 01),
            Bucket::Day,
            UTC
        )
        .is_err());
}
