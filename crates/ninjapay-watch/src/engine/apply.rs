//! Reading finished checks back into the watches: a single check's outcome, a Transactions
//! list (which settles every watched payment it shows), errors (back off, or end the watch
//! with the reason), and the end of a schedule.

use std::collections::{HashMap, HashSet};

use ninjapay::{Account, Error, Tid};

use super::{Engine, Job, JobResult, HISTORY_SAFE_LIMIT};
use crate::budget::LOCAL_HOLD_PREFIX;
use crate::kind::{Observation, WatchStatus};
use crate::shared::lock;
use crate::update::WatchError;

/// Why an error ends a watch, or `None` when checking again may work (timeouts, network
/// errors, 5xx, 429, unreadable answers). One table, so a client error that should end a
/// watch (a redirect, say) is one line here.
fn fatal_reason(e: &Error) -> Option<&'static str> {
    Some(match e {
        Error::Unauthorized { .. } => "Ninjapay did not accept the API key (401)",
        Error::Forbidden { .. } => "the API key is not allowed to check this (403)",
        Error::NotFound { .. } => "Ninjapay does not know this id (404)",
        Error::AdminKeyRequired { .. } => "checking this needs the Admin key",
        Error::Validation { .. } => "Ninjapay refused the check",
        Error::Redirect { .. } => "Ninjapay answered with a redirect, which is never followed",
        _ => return None,
    })
}

impl Engine {
    pub(super) fn finish(&mut self, job: Job, result: JobResult) {
        let now = self.now();
        match (job, result) {
            (
                Job::Single {
                    id,
                    user,
                    due_at,
                    late,
                },
                JobResult::Single(r),
            ) => {
                if let Some(i) = self.items.get_mut(&id) {
                    i.in_flight = false;
                }
                self.apply(id, now, user, due_at, r, late);
            }
            (
                Job::History {
                    account,
                    ids,
                    sent_at,
                    limit,
                },
                JobResult::History(r),
            ) => {
                self.history.entry(account.clone()).or_default().in_flight = false;
                // Whatever the answer, the payments it was sent for are free to be checked.
                for id in &ids {
                    if let Some(i) = self.items.get_mut(id) {
                        i.in_flight = false;
                    }
                }
                match r {
                    Ok(list) => self.settle_from_history(&account, &ids, sent_at, list, now),
                    Err(e) => self.history_failed(account, limit, &e, now),
                }
            }
            _ => {}
        }
    }

    /// Applies a Transactions list to the payments of `account` (and only those: the same
    /// tid in another account is another payment).
    fn settle_from_history(
        &mut self,
        account: &Account,
        ids: &[u64],
        sent_at: i64,
        list: Vec<(Tid, Observation)>,
        now: i64,
    ) {
        let asked: HashSet<u64> = ids.iter().copied().collect();
        let by_tid: HashMap<Tid, u64> = self
            .items
            .values()
            .filter(|i| i.in_account(account) && i.is_pending_payment())
            .map(|i| (i.w.tid.clone(), i.w.id))
            .collect();
        let coalesce = self.config.history_coalesce.as_millis() as i64;
        let mut listed = HashSet::new();
        for (tid, seen) in list {
            let Some(&id) = by_tid.get(&tid) else {
                continue;
            };
            if !listed.insert(id) || self.items[&id].in_flight {
                continue;
            }
            // Due and asked for: this was its scheduled check. Listed though not due yet: the
            // answer is as fresh as a check, so it counts as one (a payment settled between
            // its checks is seen at once, and the listed payments fall into step, one call
            // serving them all).
            let due_at = self.items[&id].due_at;
            let slot = if asked.contains(&id) {
                due_at
            } else {
                due_at.filter(|d| *d <= now + coalesce)
            };
            if seen.is_final {
                lock(&self.shared.stats).settled_by_history += 1;
            }
            self.apply(id, now, false, slot, Ok(seen), None);
        }
        // The list is newest first: a payment watched before the call and not in it has been
        // pushed out of the newest `limit` for good (or the server lists fewer than asked).
        // Checked on its own from now on.
        for i in self.items.values_mut() {
            if i.in_account(account)
                && i.is_pending_payment()
                && i.w.started_at <= sent_at
                && !listed.contains(&i.w.id)
            {
                i.history_miss = true;
            }
        }
    }

    fn history_failed(&mut self, account: Account, limit: u32, e: &Error, now: i64) {
        self.note_error(e);
        let state = self.history.entry(account).or_default();
        if matches!(e, Error::Validation { .. }) && limit > HISTORY_SAFE_LIMIT {
            // A server that refuses a long list (the sandbox, older servers): ask for no more
            // than every server accepts, from the next due payment on.
            tracing::debug!(
                limit,
                "history refused; asking for at most {HISTORY_SAFE_LIMIT}"
            );
            state.cap = Some(HISTORY_SAFE_LIMIT);
        } else {
            tracing::debug!(code = e.code(), "history failed; checking one by one");
            state.off_until = now + 60_000;
        }
    }

    fn note_error(&mut self, e: &Error) {
        *lock(&self.shared.stats)
            .errors
            .entry(e.code().to_owned())
            .or_default() += 1;
        if let Error::RateLimited {
            retry_after,
            message,
        } = e
        {
            if !message.starts_with(LOCAL_HOLD_PREFIX) {
                self.budget.note_server_limit(*retry_after);
            }
        }
    }

    /// Applies one check's outcome. `off_schedule` checks (Check now) never move the schedule.
    fn apply(
        &mut self,
        id: u64,
        now: i64,
        off_schedule: bool,
        due_at: Option<i64>,
        result: Result<Observation, Error>,
        late: Option<String>,
    ) {
        if let Err(e) = &result {
            self.note_error(e);
        }
        let base_backoff = self.config.base_backoff;
        let max_backoff = self.config.max_backoff;
        let final_retries = self.config.final_retries;
        let Some(i) = self.items.get_mut(&id) else {
            return;
        };
        i.w.attempt += 1;
        i.w.last_checked_at = Some(now);
        let was_ended = i.w.ended;
        if !off_schedule && !was_ended {
            // The scheduled point this check served (or now, when it ran late).
            let pos = (now - i.w.started_at).max(0) as u64;
            let served = due_at.map_or(0, |d| (d - i.w.started_at).max(0) as u64);
            i.w.schedule_pos_ms = pos.max(served);
        }
        match result {
            Ok(seen) => {
                i.failures = 0;
                i.w.error = None;
                i.w.raw_status = Some(seen.raw_status);
                if seen.amount.is_some() {
                    i.w.amount = seen.amount;
                }
                if seen.fiat.is_some() {
                    i.w.fiat = seen.fiat;
                }
                if seen.label.is_some() {
                    i.w.label = seen.label;
                }
                if seen.is_final {
                    i.w.status = seen.status;
                    i.w.ended = true;
                    i.due_at = None;
                } else if !was_ended {
                    i.w.status = seen.status;
                }
            }
            Err(e) => match fatal_reason(&e) {
                Some(why) => {
                    i.w.error = Some(WatchError {
                        code: e.code().to_owned(),
                        message: format!("Stopped watching: {why}. {e}"),
                        transient: false,
                    });
                    if !was_ended || i.w.status == WatchStatus::StillPending {
                        i.w.status = WatchStatus::Error;
                    }
                    i.w.ended = true;
                    i.due_at = None;
                }
                None => {
                    // A failed Check now leaves the schedule alone too.
                    if !off_schedule {
                        i.failures += 1;
                        let backoff = base_backoff
                            .saturating_mul(1u32 << (i.failures - 1).min(16))
                            .min(max_backoff)
                            .max(e.retry_after().unwrap_or_default());
                        i.not_before = now + backoff.as_millis() as i64;
                    }
                    i.w.error = Some(WatchError {
                        code: e.code().to_owned(),
                        message: format!("{e} — trying again later."),
                        transient: true,
                    });
                }
            },
        }
        if !i.w.ended && !off_schedule {
            i.due_at = i.next_due(i.w.schedule_pos_ms);
            if i.due_at.is_none() {
                let transient = i.w.error.as_ref().is_some_and(|e| e.transient);
                if transient && i.end_retries < final_retries {
                    // The last check failed (timeout, 5xx, 429): that says nothing about the
                    // payment, so retry it after the back-off rather than end on a failure.
                    i.end_retries += 1;
                    i.due_at = Some(now);
                } else {
                    i.w.ended = true;
                    i.w.status = WatchStatus::StillPending;
                }
            }
        }
        let ended_now = i.w.ended && !was_ended;
        self.emit(id, late);
        if ended_now {
            self.prune();
        }
        // Saved within `save_interval`: after a crash, at worst one check is made again.
        self.dirty = true;
    }
}
