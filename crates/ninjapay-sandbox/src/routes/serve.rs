//! Serving a router with hyper directly, so a fault can close a connection without any
//! response (axum's own `serve` always answers).

use std::time::Duration;

use axum::response::Response;
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Marks a response that must not be sent: the connection is closed instead.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

impl DropConnection {
    /// `resp`, marked so the connection is closed instead of sending it.
    pub fn mark(mut resp: Response) -> Response {
        resp.extensions_mut().insert(DropConnection);
        resp
    }
}

#[derive(Debug)]
struct DroppedOnPurpose;

impl std::fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox fault: connection dropped")
    }
}
impl std::error::Error for DroppedOnPurpose {}

/// Accepts connections until `stop` changes (or its sender is gone).
pub async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // e.g. too many open files: back off briefly instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let router = router.clone();
                conns.spawn(async move {
                    let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let router = router.clone();
                        async move {
                            let resp = match router.oneshot(req).await {
                                Ok(r) => r,
                                Err(e) => match e {},
                            };
                            if resp.extensions().get::<DropConnection>().is_some() {
                                // hyper closes the connection without writing a response.
                                Err(DroppedOnPurpose)
                            } else {
                                Ok::<_, DroppedOnPurpose>(resp)
                            }
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.abort_all();
}
