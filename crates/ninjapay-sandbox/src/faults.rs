//! Fault switches: make the next requests misbehave the way real networks, gateways and
//! servers do.
//!
//! Faults only touch ninjapay routes, never `/_sandbox/` admin routes. `Latency` and a sticky
//! `ExtraFields` stay on until cleared; the counted faults are queued and consumed one request
//! at a time, in order (one of them per request). A counted `ExtraFields` has its own count,
//! so it combines with any other fault.
//!
//! **Before or after processing** — whether the request's work is done (records created,
//! wallet moved, rate limits counted) when the fault strikes:
//! - before, nothing happens: `status`, `malformed_json`, `html_error`, `redirect`,
//!   `drop_connection`;
//! - after, the work is done and only the answer suffers: `truncated_json`, `drop_after`,
//!   `extra_fields`.
//!
//! Every faulted request is still recorded (`GET /_sandbox/requests`).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Every ninjapay request waits this long until cleared.
    Latency { ms: u64 },
    /// The next `count` requests answer this status with `{"success":false,"message":…}`,
    /// unprocessed. A 429 carries `Retry-After: 1`.
    Status { status: u16, count: u32 },
    /// 200 with a body that is not JSON, unprocessed.
    MalformedJson { count: u32 },
    /// 200 with a valid response cut in half (the request is really processed).
    TruncatedJson { count: u32 },
    /// 502 `text/html` Bad Gateway page, as a proxy in front of the API would send,
    /// unprocessed.
    HtmlError { count: u32 },
    /// A `status` (300–399) answer with a `Location` header and no body, unprocessed: what a
    /// load balancer moving the API elsewhere sends.
    Redirect {
        status: u16,
        location: String,
        count: u32,
    },
    /// The connection is closed without any response **before** the request is processed:
    /// nothing is created or debited and the rate limits do not count it.
    DropConnection { count: u32 },
    /// The request **is** processed (records created, wallet debited, rate limits counted),
    /// then the connection is closed without any response: the lost-reply case where retrying
    /// a payment would pay twice.
    DropAfter { count: u32 },
    /// Adds a top-level `"request_id": "<32 hex>"` to every JSON object answer (the api host's
    /// envelope, the prod host's bare objects, errors too; a bare array is left alone), as real
    /// servers add fields the docs don't show. For the next `count` requests, or until cleared
    /// with `"sticky": true` (then `count` is ignored). The request is processed normally.
    ExtraFields {
        #[serde(default)]
        count: u32,
        #[serde(default)]
        sticky: bool,
    },
}

impl Fault {
    /// Why this fault cannot be injected, if it cannot.
    pub fn check(&self) -> Result<(), String> {
        if let Fault::Redirect {
            status, location, ..
        } = self
        {
            if !(300..=399).contains(status) {
                return Err(format!("a redirect status must be 300–399, not {status}"));
            }
            if location.is_empty() || !location.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return Err("location must be a non-empty header value (printable ASCII)".into());
            }
        }
        Ok(())
    }
}

/// What to do to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Status(u16),
    MalformedJson,
    TruncatedJson,
    HtmlError,
    Redirect { status: u16, location: String },
    DropConnection,
    DropAfter,
}

impl Action {
    /// Whether the request is processed before this action applies to its answer.
    pub fn processes_request(&self) -> bool {
        matches!(self, Action::TruncatedJson | Action::DropAfter)
    }
}

#[derive(Debug, Clone)]
struct Queued {
    action: Action,
    remaining: u32,
    path: Option<String>,
}

/// The `extra_fields` switch: `remaining` is `None` while sticky.
#[derive(Debug, Clone)]
struct ExtraFields {
    remaining: Option<u32>,
    path: Option<String>,
}

#[derive(Debug, Default)]
pub struct FaultBook {
    latency: Option<(u64, Option<String>)>,
    queue: Vec<Queued>,
    extra_fields: Option<ExtraFields>,
}

fn applies(filter: &Option<String>, path: &str) -> bool {
    filter.as_deref().is_none_or(|p| p == path)
}

impl FaultBook {
    /// Adds a fault; `path` limits it to one route path. `Err` (and nothing added) if
    /// [`Fault::check`] refuses it.
    pub fn inject(&mut self, fault: Fault, path: Option<String>) -> Result<(), String> {
        fault.check()?;
        let (action, count) = match fault {
            Fault::Latency { ms } => {
                self.latency = Some((ms, path));
                return Ok(());
            }
            Fault::ExtraFields { count, sticky } => {
                if sticky || count > 0 {
                    self.extra_fields = Some(ExtraFields {
                        remaining: (!sticky).then_some(count),
                        path,
                    });
                }
                return Ok(());
            }
            Fault::Status { status, count } => (Action::Status(status), count),
            Fault::MalformedJson { count } => (Action::MalformedJson, count),
            Fault::TruncatedJson { count } => (Action::TruncatedJson, count),
            Fault::HtmlError { count } => (Action::HtmlError, count),
            Fault::Redirect {
                status,
                location,
                count,
            } => (Action::Redirect { status, location }, count),
            Fault::DropConnection { count } => (Action::DropConnection, count),
            Fault::DropAfter { count } => (Action::DropAfter, count),
        };
        if count > 0 {
            self.queue.push(Queued {
                action,
                remaining: count,
                path,
            });
        }
        Ok(())
    }

    pub fn clear(&mut self) {
        self.latency = None;
        self.queue.clear();
        self.extra_fields = None;
    }

    /// The latency that applies to `path`, if any.
    pub fn latency_ms(&self, path: &str) -> Option<u64> {
        match &self.latency {
            Some((ms, filter)) if applies(filter, path) => Some(*ms),
            _ => None,
        }
    }

    /// Consumes one use of the first queued fault that applies to `path`.
    pub fn take(&mut self, path: &str) -> Option<Action> {
        let idx = self.queue.iter().position(|q| applies(&q.path, path))?;
        let q = &mut self.queue[idx];
        let action = q.action.clone();
        q.remaining -= 1;
        if q.remaining == 0 {
            self.queue.remove(idx);
        }
        Some(action)
    }

    /// Whether the answer to this request to `path` gets a `request_id` (consumes one use of
    /// a counted `extra_fields`).
    pub fn take_extra_fields(&mut self, path: &str) -> bool {
        let Some(x) = &mut self.extra_fields else {
            return false;
        };
        if !applies(&x.path, path) {
            return false;
        }
        if let Some(n) = &mut x.remaining {
            *n -= 1;
            if *n == 0 {
                self.extra_fields = None;
            }
        }
        true
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
        )
        .unwrap();
        b.inject(Fault::HtmlError { count: 1 }, Some("/x".into()))
            .unwrap();
        assert_eq!(b.take("/y"), Some(Action::Status(500)));
        assert_eq!(b.take("/y"), Some(Action::Status(500)));
        assert_eq!(b.take("/y"), None);
        assert_eq!(b.take("/x"), Some(Action::HtmlError));
        assert_eq!(b.take("/x"), None);
        b.inject(Fault::Latency { ms: 5 }, None).unwrap();
        assert_eq!(b.latency_ms("/any"), Some(5));
        b.clear();
        assert_eq!(b.latency_ms("/any"), None);
    }

    #[test]
    fn extra_fields_counted_or_sticky() {
        let mut b = FaultBook::default();
        b.inject(
            Fault::ExtraFields {
                count: 2,
                sticky: false,
            },
            Some("/a".into()),
        )
        .unwrap();
        assert!(!b.take_extra_fields("/b"));
        assert!(b.take_extra_fields("/a"));
        assert!(b.take_extra_fields("/a"));
        assert!(!b.take_extra_fields("/a"));
        b.inject(
            Fault::ExtraFields {
                count: 0,
                sticky: true,
            },
            None,
        )
        .unwrap();
        for _ in 0..1000 {
            assert!(b.take_extra_fields("/any"));
        }
        b.clear();
        assert!(!b.take_extra_fields("/any"));
    }

    #[test]
    fn redirects_must_be_3xx_with_a_location() {
        let mut b = FaultBook::default();
        let redirect = |status, location: &str| Fault::Redirect {
            status,
            location: location.into(),
            count: 1,
        };
        assert!(b.inject(redirect(200, "http://x/"), None).is_err());
        assert!(b.inject(redirect(307, ""), None).is_err());
        assert!(b.inject(redirect(307, "http://x/\n"), None).is_err());
        assert_eq!(b.take("/p"), None, "nothing queued by a refused fault");
        b.inject(redirect(308, "http://x/"), None).unwrap();
        assert_eq!(
            b.take("/p"),
            Some(Action::Redirect {
                status: 308,
                location: "http://x/".into()
            })
        );
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
        let f: Fault = serde_json::from_str(r#"{"kind":"drop_after","count":1}"#).unwrap();
        assert_eq!(f, Fault::DropAfter { count: 1 });
        let f: Fault = serde_json::from_str(
            r#"{"kind":"redirect","status":307,"location":"http://127.0.0.1:9999/x","count":1}"#,
        )
        .unwrap();
        assert_eq!(
            f,
            Fault::Redirect {
                status: 307,
                location: "http://127.0.0.1:9999/x".into(),
                count: 1
            }
        );
        let f: Fault = serde_json::from_str(r#"{"kind":"extra_fields","sticky":true}"#).unwrap();
        assert_eq!(
            f,
            Fault::ExtraFields {
                count: 0,
                sticky: true
            }
        );
    }
}
