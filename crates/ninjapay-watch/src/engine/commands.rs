//! What the handle asks: watch, set the active account, Check now, stop, watch again, forget.

use ninjapay::Account;
use tokio::sync::oneshot;

use super::{Cmd, Engine, Item};
use crate::kind::{WatchRequest, WatchStatus};
use crate::shared::lock;
use crate::store::StoredWatch;
use crate::update::WatchUpdate;

impl Engine {
    pub(super) fn command(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Watch(request, reply) => self.watch(request, reply),
            Cmd::SetActive(account, reply) => self.set_active(account, reply),
            Cmd::CheckNow(id, reply) => {
                let allowed = self.items.get(&id).is_some_and(|i| self.is_active(i));
                if let Some(i) = self.items.get_mut(&id).filter(|_| allowed) {
                    i.check_now = true;
                }
                let _ = reply.send(allowed);
            }
            Cmd::Stop(id, reply) => {
                let Some(i) = self.items.get_mut(&id) else {
                    let _ = reply.send(false);
                    return;
                };
                if !i.w.ended {
                    i.w.ended = true;
                    i.w.status = WatchStatus::Stopped;
                    i.due_at = None;
                    i.check_now = false;
                }
                self.emit(id, None);
                self.reply_after_save(reply, true);
            }
            Cmd::WatchAgain(id, reply) => {
                if !self.items.contains_key(&id) {
                    let _ = reply.send(false);
                    return;
                }
                let now = self.now();
                self.restart(id, now);
                self.reply_after_save(reply, true);
            }
            Cmd::Forget(id, reply) => {
                // A check in flight for it is dropped when it comes back (`apply` finds no item).
                if self.items.remove(&id).is_none() {
                    let _ = reply.send(false);
                    return;
                }
                lock(&self.shared.snapshot).remove(&id);
                self.reply_after_save(reply, true);
            }
            // The loop itself stops on Shutdown.
            Cmd::Shutdown(_) => {}
        }
    }

    /// The existing watch of the same account, kind and tid (an ended one is watched again),
    /// else a new one. Answered once it is on disk.
    fn watch(&mut self, request: WatchRequest, reply: oneshot::Sender<WatchUpdate>) {
        let now = self.now();
        let same = |i: &&Item| i.w.kind == request.kind && i.w.tid == request.tid;
        // A watch from an old store file (no account yet) of the same kind and tid is the same
        // item: the request says whose it is.
        let existing = self
            .items
            .values()
            .find(|i| same(i) && i.in_account(&request.account))
            .or_else(|| {
                self.items
                    .values()
                    .find(|i| same(i) && i.w.account.is_none())
            })
            .map(|i| i.w.id);
        let id = match existing {
            Some(id) => {
                let i = self.items.get_mut(&id).expect("found above");
                i.w.account.get_or_insert(request.account);
                if i.w.ended {
                    self.restart(id, request.started_at.unwrap_or(now));
                } else {
                    self.emit_if_changed(id);
                }
                id
            }
            None => {
                let id = self.next_id;
                self.next_id += 1;
                let first_check_ms = self.schedule_for().first().as_millis() as u64;
                let w = StoredWatch::new(id, request, now, first_check_ms);
                self.items.insert(id, Item::new(w));
                self.emit(id, None);
                self.prune();
                id
            }
        };
        let update = lock(&self.shared.snapshot).get(&id).cloned();
        if let Some(update) = update {
            self.reply_after_save(reply, update);
        }
    }

    /// Only `account`'s watches are checked from now on; the others pause. Watches from an old
    /// store file (no account) are adopted by the first account made active.
    fn set_active(&mut self, account: Option<Account>, reply: oneshot::Sender<()>) {
        self.active = account;
        let active = self.active.clone();
        let mut adopted = false;
        for i in self.items.values_mut() {
            if let (Some(a), None) = (&active, &i.w.account) {
                i.w.account = Some(a.clone());
                adopted = true;
            }
            if !active.as_ref().is_some_and(|a| i.in_account(a)) {
                // Paused: a click waits for no one, and the wait is not the budget's doing
                // (so the catch-up check on resuming is not reported late).
                i.check_now = false;
                i.held_since = None;
            }
        }
        // Only what the switch changed is sent again: those paused, resumed or adopted.
        let ids: Vec<u64> = self.items.keys().copied().collect();
        for id in ids {
            self.emit_if_changed(id);
        }
        // Pausing changes nothing on disk; an adoption is answered once it is saved.
        if adopted {
            self.reply_after_save(reply, ());
        } else {
            let _ = reply.send(());
        }
    }

    fn restart(&mut self, id: u64, started_at: i64) {
        let schedule = self.schedule_for();
        if let Some(i) = self.items.get_mut(&id) {
            i.restart(started_at, schedule);
        }
        self.emit(id, None);
    }
}
