//! The calls a watch makes, behind a small trait so the engine can be driven by a scripted
//! fake on tokio's paused clock as well as by the real client.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

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

/// The real thing, over one [`ninjapay::Client`]: it ignores the account, so use it only where
/// every watch belongs to that client's account (a shell that switches between Sandbox and Live
/// picks the client by the account it is given).
#[derive(Debug, Clone)]
pub struct ClientChecker {
    client: Client,
}

impl ClientChecker {
    /// Checks through `client` (build it with the shared budget as its observer).
    pub fn new(client: Client) -> Self {
        ClientChecker { client }
    }
}

impl Checker for ClientChecker {
    fn check(&self, _account: &Account, kind: WatchKind, tid: &Tid, now_unix: i64) -> CheckFuture {
        let client = self.client.clone();
        let tid = tid.clone();
        Box::pin(async move {
            Ok(match kind {
                WatchKind::Payment => {
                    kind::observe_payment(&client.check_payment(&tid).await?, now_unix)
                }
                WatchKind::Token => kind::observe_token(&client.check_token(&tid).await?, now_unix),
                WatchKind::Quote => kind::observe_quote(&client.check_quote(&tid).await?),
                WatchKind::Voucher => {
                    kind::observe_voucher(&client.check_voucher(&tid).await?, now_unix)
                }
                WatchKind::Order => kind::observe_order(&client.check_order(&tid).await?),
            })
        })
    }

    fn history(&self, _account: &Account, limit: u32, now_unix: i64) -> Option<HistoryFuture> {
        let client = self.client.clone();
        Some(Box::pin(async move {
            Ok(client
                .history(limit)
                .await?
                .into_iter()
                .map(|p| {
                    let seen = kind::observe_payment(&p, now_unix);
                    (p.tid, seen)
                })
                .collect())
        }))
    }
}
