//! The calls a watch makes, behind a small trait so the engine can be driven by a scripted
//! fake on tokio's paused clock as well as by the real client.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

use ninjapay::{Client, Error, Tid};

use crate::kind::{self, Observation, WatchKind};

/// A boxed check.
pub type CheckFuture = Pin<Box<dyn Future<Output = Result<Observation, Error>> + Send>>;
/// A boxed history call: `(tid, observation)` for each payment listed.
pub type HistoryFuture =
    Pin<Box<dyn Future<Output = Result<Vec<(String, Observation)>, Error>> + Send>>;

/// How a watch asks Ninjapay.
pub trait Checker: Send + Sync + Debug {
    /// One check of one item. `now_unix` is the watcher's clock (for expiry rules).
    fn check(&self, kind: WatchKind, tid: &str, now_unix: i64) -> CheckFuture;

    /// The latest `limit` Lightning payments in one call (Transactions), when supported.
    fn history(&self, _limit: u32, _now_unix: i64) -> Option<HistoryFuture> {
        None
    }
}

/// The real thing, over [`ninjapay::Client`].
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
    fn check(&self, kind: WatchKind, tid: &str, now_unix: i64) -> CheckFuture {
        let client = self.client.clone();
        let tid = Tid::parse(tid);
        Box::pin(async move {
            let tid = tid?;
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

    fn history(&self, limit: u32, now_unix: i64) -> Option<HistoryFuture> {
        let client = self.client.clone();
        Some(Box::pin(async move {
            Ok(client
                .history(limit)
                .await?
                .iter()
                .map(|p| (p.tid.to_string(), kind::observe_payment(p, now_unix)))
                .collect())
        }))
    }
}
