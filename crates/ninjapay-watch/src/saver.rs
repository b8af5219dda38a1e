//! The store's writer: a task that writes snapshots in order, off the watcher loop, with the
//! write and fsyncs on the blocking pool. Snapshots queued while one is written are merged
//! (only the newest is written); a failed write is retried a second later unless a newer
//! snapshot comes first.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::shared::{lock, Shared};
use crate::store::{Store, StoreFile};

/// Runs once a save is on disk (a reply to a command).
pub(crate) type Ack = Box<dyn FnOnce() + Send>;

/// The handle the engine keeps.
#[derive(Debug)]
pub(crate) struct Saver {
    tx: mpsc::UnboundedSender<(StoreFile, Option<Ack>)>,
}

impl Saver {
    /// Starts the writer task (inside a tokio runtime).
    pub(crate) fn start(store: Store, shared: Arc<Shared>) -> Saver {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(write_loop(store, shared, rx));
        Saver { tx }
    }

    /// Queues `file`; `then` runs once it (or a newer snapshot) is written, or failed to be.
    pub(crate) fn send(&self, file: StoreFile, then: Option<Ack>) {
        // If the writer is gone (runtime shutting down), nothing more can be saved: answer.
        if let Err(mpsc::error::SendError((_, Some(f)))) = self.tx.send((file, then)) {
            f();
        }
    }
}

async fn write_loop(
    store: Store,
    shared: Arc<Shared>,
    mut rx: mpsc::UnboundedReceiver<(StoreFile, Option<Ack>)>,
) {
    let mut retry: Option<StoreFile> = None;
    loop {
        let mut acks: Vec<Ack> = Vec::new();
        let mut file = tokio::select! {
            job = rx.recv() => match job {
                Some((f, a)) => {
                    acks.extend(a);
                    f
                }
                None => match retry.take() {
                    // The watcher stopped with a failed write pending: one last try.
                    Some(f) => f,
                    None => return,
                },
            },
            _ = tokio::time::sleep(Duration::from_secs(1)), if retry.is_some() => {
                retry.take().expect("checked")
            }
        };
        while let Ok((f, a)) = rx.try_recv() {
            file = f;
            acks.extend(a);
        }
        retry = None;
        let s = store.clone();
        let done = tokio::task::spawn_blocking(move || match s.save(&file) {
            Ok(()) => Ok(()),
            Err(e) => Err((e, file)),
        })
        .await;
        match done {
            Ok(Ok(())) => lock(&shared.stats).saves += 1,
            Ok(Err((e, file))) => {
                tracing::warn!(error = %e, path = %store.path().display(), "could not save watches; retrying");
                retry = Some(file);
            }
            Err(e) => tracing::warn!(error = %e, "the watch store writer failed"),
        }
        for a in acks {
            a();
        }
    }
}
