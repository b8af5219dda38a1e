//! Every query result as an export [`Table`].

use crate::accounts::AccountInfo;
use crate::export::{iso_utc, Cell, Column, ColumnKind as K, Table};
use crate::model::sats_to_btc;
use crate::query::{Page, RecordHistory, RecordRow};
use crate::reports::{Liability, LightningDays, Payouts, Redemptions};

fn account_cells(a: &AccountInfo) -> [Cell; 2] {
    [
        Cell::Text(a.account.describe()),
        Cell::text(a.ninjatag.as_ref()),
    ]
}

fn columns(spec: &[(&str, K)]) -> Vec<Column> {
    spec.iter().map(|(n, k)| Column::new(*n, *k)).collect()
}

impl Page<RecordRow> {
    /// The rows of this page (a query with `page_size: 0` has them all).
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(
            "Records",
            columns(&[
                ("account", K::Text),
                ("wallet", K::Text),
                ("kind", K::Text),
                ("tid", K::Text),
                ("direction", K::Text),
                ("title", K::Text),
                ("counterparty", K::Text),
                ("counterparty_kind", K::Text),
                ("asset", K::Text),
                ("amount", K::Amount),
                ("amount_sats", K::Sats),
                ("inr", K::Inr),
                ("fiat_currency", K::Text),
                ("fiat_amount", K::Amount),
                ("status", K::Text),
                ("ninjapay_status", K::Text),
                ("created_at", K::DateTime),
                ("completed_at", K::DateTime),
                ("first_seen_at", K::DateTime),
                ("last_checked_at", K::DateTime),
                ("origin", K::Text),
            ]),
        );
        t.rows = self
            .rows
            .iter()
            .map(|r| {
                let [acc, wallet] = account_cells(&r.account);
                vec![
                    acc,
                    wallet,
                    Cell::Text(r.kind.to_string()),
                    Cell::Text(r.tid.clone()),
                    Cell::text(r.direction),
                    Cell::text(r.title.as_ref()),
                    Cell::text(r.counterparty.as_ref()),
                    Cell::text(r.counterparty_kind),
                    Cell::text(r.asset.as_ref()),
                    Cell::number(r.amount),
                    Cell::integer(r.sats),
                    Cell::number(r.inr()),
                    Cell::text(r.fiat_currency.as_ref()),
                    Cell::number(r.fiat_amount),
                    Cell::Text(r.status.to_string()),
                    Cell::text(r.raw_status.as_ref()),
                    Cell::Time(r.created_at),
                    Cell::time(r.completed_at),
                    Cell::Time(r.first_seen_at),
                    Cell::Time(r.last_checked_at),
                    Cell::Text(r.origin.to_string()),
                ]
            })
            .collect();
        t
    }
}

impl RecordHistory {
    /// A voucher batch's codes as known to the ledger (the columns of
    /// [`crate::voucher_table`], plus whether the redeem time is an estimate).
    pub fn codes_table(&self) -> Table {
        let mut cols = crate::export::voucher_columns();
        cols.push(Column::new("redeemed_at_is_estimate", K::Text));
        let mut t = Table::new(format!("Voucher batch {}", self.record.tid), cols);
        let revoked = self.batch.as_ref().is_some_and(|b| b.revoked_at.is_some());
        t.rows = self
            .codes
            .iter()
            .map(|c| {
                let state = if c.redeemed_at.is_some() {
                    "redeemed"
                } else if revoked {
                    "revoked"
                } else {
                    "open"
                };
                vec![
                    Cell::Text(self.record.tid.clone()),
                    Cell::text(self.record.title.as_ref()),
                    Cell::Text(c.code.clone()),
                    Cell::Text(c.url.clone()),
                    Cell::Text(state.to_owned()),
                    Cell::Number(sats_to_btc(c.sats)),
                    Cell::Integer(c.sats),
                    Cell::text(c.redeemed_by.as_ref()),
                    Cell::text(c.redeemed_tid.as_ref()),
                    Cell::text(c.redeemed_at.and_then(iso_utc)),
                    Cell::time(c.redeemed_at),
                    Cell::integer(c.callback_status),
                    Cell::text(c.redeemed_at.map(|_| {
                        if c.redeemed_at_estimated {
                            "yes"
                        } else {
                            "no"
                        }
                    })),
                ]
            })
            .collect();
        t
    }

    /// Every observation of the record, oldest first.
    pub fn observations_table(&self) -> Table {
        let mut t = Table::new(
            format!("History {}", self.record.tid),
            columns(&[
                ("kind", K::Text),
                ("tid", K::Text),
                ("seen_at", K::DateTime),
                ("origin", K::Text),
                ("status", K::Text),
                ("ninjapay_status", K::Text),
                ("changes", K::Text),
            ]),
        );
        t.rows = self
            .observations
            .iter()
            .map(|o| {
                vec![
                    Cell::Text(self.record.kind.to_string()),
                    Cell::Text(self.record.tid.clone()),
                    Cell::Time(o.seen_at),
                    Cell::Text(o.origin.to_string()),
                    Cell::Text(o.status.to_string()),
                    Cell::text(o.raw_status.as_ref()),
                    Cell::text(o.note.as_ref().map(|n| n.to_string())),
                ]
            })
            .collect();
        t
    }

    /// The codes table for a voucher batch, the observations otherwise.
    pub fn to_table(&self) -> Table {
        if self.record.kind == crate::Kind::Voucher && !self.codes.is_empty() {
            self.codes_table()
        } else {
            self.observations_table()
        }
    }
}

impl Liability {
    /// One row per batch, then a total row.
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(
            format!("Voucher liability {}", crate::dates::date_text(self.as_of)),
            columns(&[
                ("account", K::Text),
                ("wallet", K::Text),
                ("batch_tid", K::Text),
                ("title", K::Text),
                ("created_at", K::DateTime),
                ("expires_at", K::DateTime),
                ("revoked_at", K::DateTime),
                ("last_checked_at", K::DateTime),
                ("checked_after_cutoff", K::Text),
                ("amount_per_code_btc", K::Btc),
                ("sats_per_code", K::Sats),
                ("codes", K::Count),
                ("open_codes", K::Count),
                ("outstanding_sats", K::Sats),
                ("outstanding_btc", K::Btc),
            ]),
        );
        for b in &self.batches {
            let [acc, wallet] = account_cells(&b.account);
            t.rows.push(vec![
                acc,
                wallet,
                Cell::Text(b.tid.clone()),
                Cell::text(b.title.as_ref()),
                Cell::Time(b.created_at),
                Cell::time(b.expires_at),
                Cell::time(b.revoked_at),
                Cell::Time(b.last_checked_at),
                Cell::Text(if b.checked_after_cutoff { "yes" } else { "no" }.to_owned()),
                Cell::Number(b.amount_per_code),
                Cell::Integer(b.sats_per_code),
                Cell::Integer(b.code_count),
                Cell::Integer(b.open_codes_as_of),
                Cell::Integer(b.outstanding_sats),
                Cell::Number(b.outstanding_btc),
            ]);
        }
        let mut total = vec![Cell::Empty; t.columns.len()];
        total[0] = Cell::Text("Total".to_owned());
        total[12] = Cell::Integer(self.open_codes);
        total[13] = Cell::Integer(self.total_sats);
        total[14] = Cell::Number(self.total_btc);
        t.rows.push(total);
        t
    }
}

impl Redemptions {
    /// One row per bucket, then a total row.
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(
            format!("Redemptions per {}", self.bucket),
            columns(&[
                ("start_date", K::Date),
                ("redeemed_codes", K::Count),
                ("value_sats", K::Sats),
                ("value_btc", K::Btc),
            ]),
        );
        for b in &self.buckets {
            t.rows.push(vec![
                Cell::Date(b.start_date),
                Cell::Integer(b.count),
                Cell::Integer(b.value_sats),
                Cell::Number(sats_to_btc(b.value_sats)),
            ]);
        }
        t.rows.push(vec![
            Cell::Text("Total".to_owned()),
            Cell::Integer(self.total_count),
            Cell::Integer(self.total_sats),
            Cell::Number(self.total_btc),
        ]);
        t
    }
}

impl Payouts {
    /// One row per payout.
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(
            "Bridge payouts",
            columns(&[
                ("account", K::Text),
                ("wallet", K::Text),
                ("tid", K::Text),
                ("created_at", K::DateTime),
                ("to", K::Text),
                ("to_kind", K::Text),
                ("inr", K::Inr),
                ("asset", K::Text),
                ("asset_amount", K::Amount),
                ("sats", K::Sats),
                ("status", K::Text),
                ("completed_at", K::DateTime),
                ("last_checked_at", K::DateTime),
            ]),
        );
        for p in &self.rows {
            let [acc, wallet] = account_cells(&p.account);
            t.rows.push(vec![
                acc,
                wallet,
                Cell::Text(p.tid.clone()),
                Cell::Time(p.created_at),
                Cell::text(p.to.as_ref()),
                Cell::text(p.to_kind),
                Cell::number(p.inr),
                Cell::text(p.asset.as_ref()),
                Cell::number(p.asset_amount),
                Cell::integer(p.sats),
                Cell::Text(p.status.to_string()),
                Cell::time(p.completed_at),
                Cell::Time(p.last_checked_at),
            ]);
        }
        t
    }

    /// The totals per status.
    pub fn totals_table(&self) -> Table {
        let mut t = Table::new(
            "Bridge payout totals",
            columns(&[
                ("status", K::Text),
                ("payouts", K::Count),
                ("inr", K::Inr),
                ("sats", K::Sats),
                ("assets", K::Text),
            ]),
        );
        for s in &self.totals {
            let assets: Vec<String> = s.assets.iter().map(|(k, v)| format!("{v} {k}")).collect();
            t.rows.push(vec![
                Cell::Text(s.status.to_string()),
                Cell::Integer(s.count),
                Cell::Number(s.inr),
                Cell::Integer(s.sats),
                Cell::Text(assets.join(", ")),
            ]);
        }
        t
    }
}

impl LightningDays {
    /// One row per day, then a total row.
    pub fn to_table(&self) -> Table {
        let mut t = Table::new(
            "Lightning per day",
            columns(&[
                ("date", K::Date),
                ("received_sats", K::Sats),
                ("received_btc", K::Btc),
                ("payments_in", K::Count),
                ("sent_sats", K::Sats),
                ("sent_btc", K::Btc),
                ("payments_out", K::Count),
            ]),
        );
        let row = |first: Cell, d: &crate::reports::LightningDay| {
            vec![
                first,
                Cell::Integer(d.received_sats),
                Cell::Number(sats_to_btc(d.received_sats)),
                Cell::Integer(d.count_in),
                Cell::Integer(d.sent_sats),
                Cell::Number(sats_to_btc(d.sent_sats)),
                Cell::Integer(d.count_out),
            ]
        };
        for d in &self.days {
            t.rows.push(row(Cell::Date(d.date), d));
        }
        t.rows
            .push(row(Cell::Text("Total".to_owned()), &self.total));
        t
    }
}
