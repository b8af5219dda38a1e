//! Fault switches: make the next requests misbehave the way real networks and gateways do.
//!
//! Faults only touch ninjapay routes, never `/_sandbox/` admin routes. `Latency` stays on until
//! cleared; the counted faults are queued and consumed one request at a time, in order.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Every ninjapay request waits this long until cleared.
    Latency { ms: u64 },
    /// The next `count` requests answer this status with `{"success":false,"message":…}`.
    Status { status: u16, count: u32 },
    /// 200 with a body that is not JSON.
    MalformedJson { count: u32 },
    /// 200 with a valid response cut in half (the request is really processed).
    TruncatedJson { count: u32 },
    /// 502 `text/html` Bad Gateway page, as a proxy in front of the API would send.
    HtmlError { count: u32 },
    /// The connection is closed without any response.
    DropConnection { count: u32 },
}

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Status(u16),
    MalformedJson,
    TruncatedJson,
    HtmlError,
    DropConnection,
}

#[derive(Debug, Clone)]
struct Queued {
    action: Action,
    remaining: u32,
    path: Option<String>,
}

#[derive(Debug, Default)]
pub struct FaultBook {
    latency: Option<(u64, Option<String>)>,
    queue: Vec<Queued>,
}

impl FaultBook {
    /// Adds a fault; `path` limits a counted fault (or latency) to one route path.
    pub fn inject(&mut self, fault: Fault, path: Option<String>) {
        let (action, count) = match fault {
            Fault::Latency { ms } => {
                self.latency = Some((ms, path));
                return;
            }
            Fault::Status { status, count } => (Action::Status(status), count),
            Fault::MalformedJson { count } => (Action::MalformedJson, count),
            Fault::TruncatedJson { count } => (Action::TruncatedJson, count),
            Fault::HtmlError { count } => (Action::HtmlError, count),
            Fault::DropConnection { count } => (Action::DropConnection, count),
        };
        if count > 0 {
            self.queue.push(Queued {
                action,
                remaining: count,
                path,
            });
        }
    }

    pub fn clear(&mut self) {
        self.latency = None;
        self.queue.clear();
    }

    /// The latency that applies to `path`, if any.
    pub fn latency_ms(&self, path: &str) -> Option<u64> {
        match &self.latency {
            Some((ms, filter)) if filter.as_deref().map_or(true, |p| p == path) => Some(*ms),
            _ => None,
        }
    }

    /// Consumes one use of the first queued fault that applies to `path`.
    pub fn take(&mut self, path: &str) -> Option<Action> {
        let idx = self
            .queue
            .iter()
            .position(|q| q.path.as_deref().map_or(true, |p| p == path))?;
        let q = &mut self.queue[idx];
        let action = q.action;
        q.remaining -= 1;
        if q.remaining == 0 {
            self.queue.remove(idx);
        }
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_faults_run_out_in_order() {
        let mut b = FaultBook::default();
        b.inject(
            Fault::Status {
                status: 500,
                count: 2,
            },
            None,
        );
        b.inject(Fault::HtmlError { count: 1 }, Some("/x".into()));
        assert_eq!(b.take("/y"), Some(Action::Status(500)));
        assert_eq!(b.take("/y"), Some(Action::Status(500)));
        assert_eq!(b.take("/y"), None);
        assert_eq!(b.take("/x"), Some(Action::HtmlError));
        assert_eq!(b.take("/x"), None);
        b.inject(Fault::Latency { ms: 5 }, None);
        assert_eq!(b.latency_ms("/any"), Some(5));
        b.clear();
        assert_eq!(b.latency_ms("/any"), None);
    }

    #[test]
    fn deserialises_from_admin_json() {
        let f: Fault = serde_json::from_str(r#"{"kind":"status","status":500,"count":1}"#).unwrap();
        assert_eq!(
            f,
            Fault::Status {
                status: 500,
                count: 1
            }
        );
        let f: Fault = serde_json::from_str(r#"{"kind":"drop_connection","count":3}"#).unwrap();
        assert_eq!(f, Fault::DropConnection { count: 3 });
    }
}
