//! Choosing the due checks of the active account and sending them inside the budget: Check
//! now first (at user priority), then one Transactions call for the due Lightning payments it
//! can cover, then the other due checks one by one, least recently checked first, while the
//! budget allows.

use std::collections::HashSet;

use ninjapay::Account;

use super::{Engine, Item, Job, JobResult};
use crate::budget::{Budget, Denied, Priority};
use crate::kind::WatchKind;
use crate::shared::lock;
use crate::update::{BudgetNotice, WatchEvent};

/// A due scheduled check: (last checked, due at, id); sorted, least recently checked first.
type Due = (i64, i64, u64);

fn soonest(wake: &mut Option<i64>, t: i64) {
    *wake = Some(wake.map_or(t, |w| w.min(t)));
}

impl Engine {
    /// Starts every check that is due and allowed; returns when to look again.
    pub(super) fn dispatch(&mut self) -> Option<i64> {
        let Some(account) = self.active.clone() else {
            // Nothing is checked before the shell names the active account.
            self.set_delay(None);
            return None;
        };
        let now = self.now();
        let mut wake = None;
        self.dispatch_clicked(&mut wake);
        let due = self.due_checks(now, &mut wake);
        if due.is_empty() {
            self.set_delay(None);
            return wake;
        }
        let taken = match self.dispatch_history(&account, &due, now) {
            Ok(taken) => taken,
            Err(d) => {
                self.held(&due, &d, now);
                soonest(&mut wake, d.retry_at_ms);
                return wake;
            }
        };
        if let Err(d) = self.dispatch_singles(&due, &taken, now) {
            soonest(&mut wake, d.retry_at_ms);
            return wake;
        }
        self.set_delay(None);
        wake
    }

    /// Check now: the user's click, from the user's share.
    fn dispatch_clicked(&mut self, wake: &mut Option<i64>) {
        let clicked: Vec<u64> = self
            .items
            .values()
            .filter(|i| i.check_now && !i.in_flight && self.is_active(i))
            .map(|i| i.w.id)
            .collect();
        for id in clicked {
            if self.jobs.len() >= self.config.max_in_flight.max(1) {
                break;
            }
            let path = self.items[&id].w.kind.endpoint().path;
            match self.budget.try_acquire(Priority::User, path) {
                Ok(()) => {
                    self.items.get_mut(&id).expect("listed").check_now = false;
                    self.spawn_single(id, true, None, None);
                }
                Err(d) => soonest(wake, d.retry_at_ms),
            }
        }
    }

    /// The active account's scheduled checks that are due, least recently checked first (fair
    /// when the budget is short); `wake` learns the next one not due yet.
    fn due_checks(&self, now: i64, wake: &mut Option<i64>) -> Vec<Due> {
        let mut due = Vec::new();
        for i in self.items.values() {
            if i.in_flight || !self.is_active(i) {
                continue;
            }
            if let Some(d) = i.due_at {
                let at = d.max(i.not_before);
                if at <= now {
                    due.push((i.w.last_checked_at.unwrap_or(i.w.started_at), at, i.w.id));
                } else {
                    soonest(wake, at);
                }
            }
        }
        due.sort();
        due
    }

    /// How many records one Transactions call asks for, so that it can settle every pending
    /// payment of the account: the list is newest first, so it must reach the oldest one. That
    /// takes one record per pending payment plus one per watched payment started since that
    /// ended meanwhile (a paid payment stays in the list and pushes older ones down). At
    /// least 2, at most `history_max` and at most what the account's server accepted.
    /// Payments the watcher does not know of may still push some out: those are then checked
    /// on their own.
    fn history_limit(&self, account: &Account) -> u32 {
        let payments = || {
            self.items
                .values()
                .filter(|i| i.in_account(account) && i.w.kind == WatchKind::Payment)
        };
        // Started together, the one watched first (lower id) was created first.
        let age = |i: &Item| (i.w.started_at, i.w.id);
        let oldest = payments()
            .filter(|i| !i.w.ended && !i.history_miss)
            .map(age)
            .min()
            .unwrap_or((i64::MAX, u64::MAX));
        let records = payments().filter(|i| age(i) >= oldest).count();
        let cap = self
            .history
            .get(account)
            .and_then(|h| h.cap)
            .unwrap_or(u32::MAX)
            .min(self.config.history_max)
            .max(2);
        u32::try_from(records).unwrap_or(u32::MAX).clamp(2, cap)
    }

    /// One Transactions call for the due payments it may cover; returns the ids it took (or
    /// that wait for the call in flight). `Err` when the budget holds it back.
    fn dispatch_history(
        &mut self,
        account: &Account,
        due: &[Due],
        now: i64,
    ) -> Result<HashSet<u64>, Denied> {
        let mut taken = HashSet::new();
        let state = self.history.entry(account.clone()).or_default();
        if !self.config.use_history
            || now < state.off_until
            || self.jobs.len() >= self.config.max_in_flight.max(1)
        {
            return Ok(taken);
        }
        let in_flight = state.in_flight;
        let candidates: Vec<u64> = due
            .iter()
            .map(|d| d.2)
            .filter(|id| {
                let i = &self.items[id];
                i.is_pending_payment() && !i.history_miss
            })
            .collect();
        if in_flight {
            taken.extend(candidates);
            return Ok(taken);
        }
        let pending = self
            .items
            .values()
            .filter(|i| i.in_account(account) && i.is_pending_payment() && !i.history_miss)
            .count();
        if candidates.is_empty() || pending < 2 {
            return Ok(taken);
        }
        let limit = self.history_limit(account);
        let Some(fut) = self.checker.history(account, limit, now.div_euclid(1000)) else {
            return Ok(taken);
        };
        self.budget
            .try_acquire(Priority::Background, ninjapay::endpoints::HISTORY.path)?;
        for id in &candidates {
            if let Some(i) = self.items.get_mut(id) {
                i.in_flight = true;
                i.held_since = None;
            }
            taken.insert(*id);
        }
        lock(&self.shared.stats).history_calls += 1;
        self.history.entry(account.clone()).or_default().in_flight = true;
        let job = Job::History {
            account: account.clone(),
            ids: candidates,
            sent_at: now,
            limit,
        };
        let fut = Budget::prepaid(1, fut);
        self.jobs
            .spawn(async move { (job, JobResult::History(fut.await)) });
        Ok(taken)
    }

    /// The due checks not `taken`, one request each, while the budget and the in-flight bound
    /// allow. `Err` when the budget holds the rest back.
    fn dispatch_singles(
        &mut self,
        due: &[Due],
        taken: &HashSet<u64>,
        now: i64,
    ) -> Result<(), Denied> {
        for &(_, _, id) in due {
            if taken.contains(&id) {
                continue;
            }
            if self.jobs.len() >= self.config.max_in_flight.max(1) {
                // Woken again when a check finishes.
                break;
            }
            let path = self.items[&id].w.kind.endpoint().path;
            if let Err(d) = self.budget.try_acquire(Priority::Background, path) {
                let rest: Vec<Due> = due
                    .iter()
                    .filter(|x| !taken.contains(&x.2) && !self.items[&x.2].in_flight)
                    .copied()
                    .collect();
                self.held(&rest, &d, now);
                return Err(d);
            }
            let item = self.items.get_mut(&id).expect("due");
            let due_at = item.due_at;
            let late = item.held_since.take().and_then(|since| {
                let late_s = (now - due_at.unwrap_or(since)) / 1000;
                (late_s >= 2).then(|| {
                    let why = self
                        .delay
                        .as_ref()
                        .map_or("the request budget is short", |d| d.0.as_str());
                    format!("Checked {late_s} s late: {why}.")
                })
            });
            self.spawn_single(id, false, due_at, late);
        }
        Ok(())
    }

    fn spawn_single(&mut self, id: u64, user: bool, due_at: Option<i64>, late: Option<String>) {
        let now = self.now();
        let Some(item) = self.items.get_mut(&id) else {
            return;
        };
        // Always the watch's own account (only the active account's are dispatched).
        let Some(account) = item.w.account.as_ref() else {
            return;
        };
        item.in_flight = true;
        let fut = self
            .checker
            .check(account, item.w.kind, &item.w.tid, now.div_euclid(1000));
        lock(&self.shared.stats).checks += 1;
        let job = Job::Single {
            id,
            user,
            due_at,
            late,
        };
        let fut = Budget::prepaid(1, fut);
        self.jobs
            .spawn(async move { (job, JobResult::Single(fut.await)) });
    }

    /// Due checks wait for the budget: remember since when, and tell the UI why.
    fn held(&mut self, due: &[Due], d: &Denied, now: i64) {
        lock(&self.shared.stats).budget_waits += 1;
        for &(_, _, id) in due {
            if let Some(i) = self.items.get_mut(&id) {
                i.held_since.get_or_insert(now);
            }
        }
        self.set_delay(Some((d.reason.clone(), d.retry_at_ms)));
    }

    /// Tells the UI when checks start or stop being delayed (counting the active account's
    /// watches only: the others are paused, not delayed).
    pub(super) fn set_delay(&mut self, delay: Option<(String, i64)>) {
        let changed = match (&self.delay, &delay) {
            (None, None) => false,
            (Some(a), Some(b)) => a.0 != b.0,
            _ => true,
        };
        self.delay = delay;
        if !changed {
            return;
        }
        let watched = self.items.values().filter(|i| self.is_active(i));
        let active = watched.clone().filter(|i| !i.w.ended).count();
        let waiting = watched
            .filter(|i| i.held_since.is_some() && !i.in_flight)
            .count();
        let reason = self.delay.as_ref().map(|d| {
            format!(
                "Checks are being delayed: {active} items are being watched and {}.",
                d.0
            )
        });
        let _ = self.events.send(WatchEvent::Budget(BudgetNotice {
            delayed: self.delay.is_some(),
            reason,
            waiting,
            active,
        }));
    }
}
