//! What the watcher sends out ([`WatchEvent`]): the one payload the shell emits as
//! [`UPDATE_EVENT`], the budget notice it emits as [`BUDGET_EVENT`], and the text of the desktop
//! notification for a final state.

use std::str::FromStr;

use ninjapay::{Account, Decimal, Tid};
use serde::{Deserialize, Serialize};

use crate::kind::{Money, WatchKind, WatchStatus};

/// The Tauri event name for [`WatchUpdate`].
pub const UPDATE_EVENT: &str = "watch://update";
/// The Tauri event name for [`BudgetNotice`].
pub const BUDGET_EVENT: &str = "watch://budget";

/// What the watcher sends out.
#[derive(Debug, Clone, PartialEq, Eq)]
// Almost every event is an update; boxing it would only add an allocation per event.
#[allow(clippy::large_enum_variant)]
pub enum WatchEvent {
    /// Emit as [`UPDATE_EVENT`].
    Update(WatchUpdate),
    /// Emit as [`BUDGET_EVENT`].
    Budget(BudgetNotice),
}

/// What the UI can offer for a watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WatchAction {
    /// Check once now (does not shift the schedule).
    CheckNow,
    /// Start the schedule again from now.
    WatchAgain,
    /// Stop watching.
    Stop,
}

/// An error a check met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchError {
    /// The client's stable code (`unauthorized`, `server`, `timeout`, …).
    pub code: String,
    /// For people.
    pub message: String,
    /// True when the watch goes on (it backs off and tries again).
    pub transient: bool,
}

/// One watch's state after a check (or a change such as Stop): the `watch://update` payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchUpdate {
    /// The watch's id (stable across restarts).
    pub id: u64,
    /// The account it is checked in (`None`: from an old store file, not adopted yet).
    pub account: Option<Account>,
    /// What is watched.
    pub kind: WatchKind,
    /// Its tid (or token / quote id); a string in JSON.
    pub tid: Tid,
    /// The status across kinds.
    pub status: WatchStatus,
    /// The server's own status text, when known.
    pub raw_status: Option<String>,
    /// Checks made so far (scheduled ones, Check now and history look-ups).
    pub attempt: u32,
    /// When watching started (unix ms).
    pub started_at: i64,
    /// When it was last checked (unix ms).
    pub last_checked_at: Option<i64>,
    /// When the next check is due (unix ms); `None` once final and while paused.
    pub next_check_at: Option<i64>,
    /// True while it waits for its account to be the active one again: not checked, not
    /// ended. When it resumes, a check missed meanwhile is made at once.
    pub paused: bool,
    /// True when nothing will change any more (watching ended).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The last check's error, if it failed.
    pub error: Option<WatchError>,
    /// Set when this check ran late because the request budget is short, and why.
    pub delayed: Option<String>,
    /// How much (as far as known).
    pub amount: Option<Money>,
    /// The fiat side (as far as known).
    pub fiat: Option<Money>,
    /// A description or title.
    pub label: Option<String>,
    /// What the UI can offer.
    pub actions: Vec<WatchAction>,
}

/// Sent when background checks start or stop being delayed by the request budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetNotice {
    /// True while checks run later than scheduled.
    pub delayed: bool,
    /// Why, for people.
    pub reason: Option<String>,
    /// How many watches are waiting for an overdue check.
    pub waiting: usize,
    /// Active watches.
    pub active: usize,
}

/// A desktop notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// The title line.
    pub title: String,
    /// The body.
    pub body: String,
}

impl WatchUpdate {
    /// The notification for a final state (paid, declined, …, still pending after 10
    /// minutes); `None` while pending and when the user stopped it.
    pub fn notification(&self) -> Option<Notification> {
        if !self.is_final || self.status == WatchStatus::Stopped {
            return None;
        }
        let what = self.kind.label();
        let title = format!("{what} {}", self.status.words());
        let mut body = String::new();
        if let Some(a) = &self.amount {
            body.push_str(&format_money(a));
        }
        if let Some(f) = &self.fiat {
            if body.is_empty() {
                body.push_str(&format_money(f));
            } else {
                body.push_str(&format!(" ({})", format_money(f)));
            }
        }
        if let Some(l) = self.label.as_deref().filter(|l| !l.trim().is_empty()) {
            if !body.is_empty() {
                body.push_str(" — ");
            }
            body.push_str(l.trim());
        }
        if !body.is_empty() {
            body.push_str(" · ");
        }
        body.push_str(self.tid.as_str());
        if let Some(e) = &self.error {
            body.push_str(&format!(": {}", e.message));
        }
        Some(Notification { title, body })
    }
}

/// `0.00050000 BTC`, `₹1,23,456.50`, `12.5 USDT`.
pub fn format_money(m: &Money) -> String {
    let Ok(v) = Decimal::from_str(&m.value) else {
        return format!("{} {}", m.value, m.currency);
    };
    match m.currency.as_str() {
        "BTC" | "LBTC" | "SATS_BTC" => format_btc(v),
        "INR" => format_inr(v),
        other => format!("{} {other}", v.normalize()),
    }
}

/// BTC to 8 decimals: `0.00050000 BTC`.
pub fn format_btc(v: Decimal) -> String {
    let mut d = v.round_dp(8);
    d.rescale(8);
    format!("{d} BTC")
}

/// Rupees with Indian digit grouping and 2 decimals: `₹1,23,45,678.50`.
pub fn format_inr(v: Decimal) -> String {
    let negative = v.is_sign_negative() && !v.is_zero();
    let mut d = v.abs().round_dp(2);
    d.rescale(2);
    let s = d.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let grouped = if int.len() <= 3 {
        int.to_owned()
    } else {
        let (head, last3) = int.split_at(int.len() - 3);
        let mut parts: Vec<&str> = Vec::new();
        let mut rest = head;
        while rest.len() > 2 {
            let (a, b) = rest.split_at(rest.len() - 2);
            parts.push(b);
            rest = a;
        }
        if !rest.is_empty() {
            parts.push(rest);
        }
        parts.reverse();
        format!("{},{last3}", parts.join(","))
    };
    format!("{}₹{grouped}.{frac}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn btc_has_eight_decimals_and_inr_indian_grouping() {
        assert_eq!(format_btc(d("0.0005")), "0.00050000 BTC");
        assert_eq!(format_btc(d("1.123456789")), "1.12345679 BTC");
        assert_eq!(format_btc(d("-0.01")), "-0.01000000 BTC");
        assert_eq!(format_inr(d("0")), "₹0.00");
        assert_eq!(format_inr(d("999.5")), "₹999.50");
        assert_eq!(format_inr(d("1000")), "₹1,000.00");
        assert_eq!(format_inr(d("123456.5")), "₹1,23,456.50");
        assert_eq!(format_inr(d("12345678.456")), "₹1,23,45,678.46");
        assert_eq!(format_inr(d("-2500")), "-₹2,500.00");
    }

    #[test]
    fn notification_names_what_and_how_much() {
        let u = WatchUpdate {
            id: 7,
            account: Some(Account::Sandbox),
            kind: WatchKind::Payment,
            tid: Tid::parse("210N1").unwrap(),
            status: WatchStatus::Paid,
            raw_status: Some("paid".into()),
            attempt: 3,
            started_at: 0,
            last_checked_at: Some(1),
            next_check_at: None,
            paused: false,
            is_final: true,
            error: None,
            delayed: None,
            amount: Some(Money::new(d("0.0005"), "btc")),
            fiat: Some(Money::new(d("2500"), "INR")),
            label: Some("Table 4".into()),
            actions: vec![],
        };
        let n = u.notification().unwrap();
        assert_eq!(n.title, "Payment paid");
        assert_eq!(n.body, "0.00050000 BTC (₹2,500.00) — Table 4 · 210N1");
        let json = serde_json::to_value(&u).unwrap();
        for key in [
            "id",
            "kind",
            "tid",
            "status",
            "rawStatus",
            "attempt",
            "startedAt",
            "lastCheckedAt",
            "nextCheckAt",
            "paused",
            "final",
            "error",
            "account",
        ] {
            assert!(json.get(key).is_some(), "{key} missing from {json}");
        }
        assert_eq!(json["kind"], "payment");
        // The tid stays a string on the wire, the account says its mode.
        assert_eq!(json["tid"], "210N1");
        assert_eq!(json["account"], serde_json::json!({"mode": "sandbox"}));
        let pending = WatchUpdate {
            is_final: false,
            status: WatchStatus::Pending,
            ..u.clone()
        };
        assert!(pending.notification().is_none());
        let still = WatchUpdate {
            status: WatchStatus::StillPending,
            ..u
        };
        assert_eq!(
            still.notification().unwrap().title,
            "Payment still pending after 10 minutes"
        );
    }
}
