//! The calls a watch makes, behind a small trait so the engine can be driven by a scripted
//! fake on tokio's paused clock as well as by the real client.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use ninjapay::{Account, Client, Error, Tid};

use crate::kind::{self, Observation, WatchKind};

/// A boxed check.
pub type CheckFuture = Pin<Box<dyn Future<Output = Result<Observation, Error>> + Send>>;
/// A boxed history call: `(tid, observation)` for each payment listed, newest first.
pub type HistoryFuture =
    Pin<Box<dyn Future<Output = Result<Vec<(Tid, Observation)>, Error>> + Send>>;

/// How a watch asks Ninjapay. The engine always passes the account the watch (or, for
/// history, the batch of watches) belongs to; an implementation must ask exactly that account,
/// or fail.
pub trait Checker: Send + Sync + Debug {
    /// One check of one item in `account`. `now_unix` is the watcher's clock (for expiry
    /// rules).
    fn check(&self, account: &Account, kind: WatchKind, tid: &Tid, now_unix: i64) -> CheckFuture;

    /// The latest `limit` Lightning payments of `account` in one call (Transactions), when
    /// supported. A server may list fewer than asked.
    fn history(&self, _account: &Account, _limit: u32, _now_unix: i64) -> Option<HistoryFuture> {
        None
    }
}

/// A record a check read, in full (the watch itself keeps only an [`Observation`]).
#[derive(Debug, Clone, Copy)]
pub enum Checked<'a> {
    /// Check Payment, or one row of a Transactions list.
    Payment(&'a ninjapay::Payment),
    /// Check Token.
    Token(&'a ninjapay::TokenDetail),
    /// Check Quote.
    Quote(&'a ninjapay::Quote),
    /// Check Voucher.
    Voucher(&'a ninjapay::Voucher),
    /// Check Order.
    Order(&'a ninjapay::Order),
}

/// Sees every record a [`ClientChecker`] reads, with the account it came from: how the app's
/// books (the ledger) learn what the watcher saw. It must not block for long.
pub trait Recorder: Send + Sync + Debug {
    /// `records` were read from `account` at `now_unix`.
    fn record(&self, account: &Account, now_unix: i64, records: &[Checked<'_>]);
}

/// The real thing, over one [`ninjapay::Client`]: it ignores the account, so use it only where
/// every watch belongs to that client's account (a shell that switches between Sandbox and Live
/// picks the client by the account it is given).
#[derive(Debug, Clone)]
pub struct ClientChecker {
    client: Client,
    recorder: Option<Arc<dyn Recorder>>,
}

impl ClientChecker {
    /// Checks through `client` (build it with the shared budget as its observer).
    pub fn new(client: Client) -> Self {
        ClientChecker {
            client,
            recorder: None,
        }
    }

    /// Also hands every record read to `recorder`.
    pub fn with_recorder(mut self, recorder: Arc<dyn Recorder>) -> Self {
        self.recorder = Some(recorder);
        self
    }
}

impl Checker for ClientChecker {
    fn check(&self, account: &Account, kind: WatchKind, tid: &Tid, now_unix: i64) -> CheckFuture {
        let client = self.client.clone();
        let (account, tid) = (account.clone(), tid.clone());
        let recorder = self.recorder.clone();
        let record = move |c: Checked<'_>| {
            if let Some(r) = &recorder {
                r.record(&account, now_unix, &[c]);
            }
        };
        Box::pin(async move {
            Ok(match kind {
                WatchKind::Payment => {
                    let p = client.check_payment(&tid).await?;
                    record(Checked::Payment(&p));
                    kind::observe_payment(&p, now_unix)
                }
                WatchKind::Token => {
                    let t = client.check_token(&tid).await?;
                    record(Checked::Token(&t));
                    kind::observe_token(&t, now_unix)
                }
                WatchKind::Quote => {
                    let q = client.check_quote(&tid).await?;
                    record(Checked::Quote(&q));
                    kind::observe_quote(&q)
                }
                WatchKind::Voucher => {
                    let v = client.check_voucher(&tid).await?;
                    record(Checked::Voucher(&v));
                    kind::observe_voucher(&v, now_unix)
                }
                WatchKind::Order => {
                    let o = client.check_order(&tid).await?;
                    record(Checked::Order(&o));
                    kind::observe_order(&o)
                }
            })
        })
    }

    fn history(&self, account: &Account, limit: u32, now_unix: i64) -> Option<HistoryFuture> {
        let client = self.client.clone();
        let account = account.clone();
        let recorder = self.recorder.clone();
        Some(Box::pin(async move {
            let list = client.history(limit).await?;
            if let Some(r) = &recorder {
                let rows: Vec<Checked<'_>> = list.iter().map(Checked::Payment).collect();
                r.record(&account, now_unix, &rows);
            }
            Ok(list
                .into_iter()
                .map(|p| {
                    let seen = kind::observe_payment(&p, now_unix);
                    (p.tid, seen)
                })
                .collect())
        }))
    }
}
