//! One error type with stable codes the interface can branch on.
//!
//! Messages are meant for people: they carry the server's own words when it sent any (from
//! `{status:false,message}`, `{success:false,message}`, plain text or an HTML page). They never
//! contain a key: keys only ever travel in request headers, which no message includes.

use std::time::Duration;

use serde::ser::SerializeStruct;

use crate::rules::{Broken, Rule};

/// Everything that can go wrong talking to Ninjapay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The key is missing, wrong or revoked (HTTP 401), or no key is configured.
    #[error("{message}")]
    Unauthorized {
        /// What to tell the user.
        message: String,
    },
    /// The endpoint needs the Admin key and only an Invoice key is configured. Refused locally:
    /// nothing was sent.
    #[error("{message}")]
    AdminKeyRequired {
        /// What to tell the user.
        message: String,
    },
    /// The key is valid but not allowed to do this (HTTP 403).
    #[error("{message}")]
    Forbidden {
        /// What to tell the user.
        message: String,
    },
    /// No such tid, voucher code or quote (HTTP 404).
    #[error("{message}")]
    NotFound {
        /// What to tell the user.
        message: String,
    },
    /// Bad input: caught before sending (with the field named) or refused by the server
    /// (HTTP 400, or a 2xx body saying `status:false`).
    #[error("{message}")]
    Validation {
        /// The request field at fault, when known.
        field: Option<String>,
        /// What to tell the user.
        message: String,
        /// The rule broken, when the client caught it (the page says it in the user's language).
        broken: Option<Broken>,
    },
    /// Too many requests (HTTP 429); Ninjapay locks a key out for up to an hour.
    #[error("{message}")]
    RateLimited {
        /// How long the server asked us to wait, when it said.
        retry_after: Option<Duration>,
        /// What to tell the user.
        message: String,
    },
    /// Ninjapay failed (HTTP 5xx, or another unexpected status).
    #[error("{message}")]
    Server {
        /// The HTTP status.
        status: u16,
        /// What to tell the user.
        message: String,
    },
    /// The request did not get an answer: no connection, connection dropped, TLS failure.
    #[error("{message}")]
    Network {
        /// What to tell the user.
        message: String,
    },
    /// No answer within the configured timeout.
    #[error("{message}")]
    Timeout {
        /// What to tell the user.
        message: String,
    },
    /// The server answered with a redirect (HTTP 3xx). Redirects are never followed: the key
    /// and the request would go to whatever host the redirect names.
    #[error("{message}")]
    Redirect {
        /// The HTTP status (301, 302, 303, 307, 308, …).
        status: u16,
        /// The host the redirect pointed to, when it named one.
        location: Option<String>,
        /// What to tell the user.
        message: String,
    },
    /// A request that creates, moves, revokes or redeems value was sent, and no answer came
    /// back that says what happened (timeout, dropped connection, a 5xx or an unreadable
    /// answer after sending). Ninjapay may have carried it out: check before trying again.
    #[error("{message}")]
    OutcomeUnknown {
        /// The code of the failure underneath (`timeout`, `network`, `server`, `decode`,
        /// `redirect`).
        cause: &'static str,
        /// What happened underneath, in words (the message without the advice).
        detail: String,
        /// What to tell the user: what happened, and that it may have been carried out.
        message: String,
    },
    /// The answer could not be read: not JSON, cut short, or a field of the wrong type.
    #[error("{message}")]
    Decode {
        /// Where in the body, e.g. `data.voucher_urls[0].redeemed_at` (empty for the whole body).
        path: String,
        /// What to tell the user.
        message: String,
    },
}

impl Error {
    /// The stable code: `unauthorized`, `admin_key_required`, `forbidden`, `not_found`,
    /// `validation`, `rate_limited`, `server`, `network`, `timeout`, `redirect`,
    /// `outcome_unknown` or `decode`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthorized { .. } => "unauthorized",
            Error::AdminKeyRequired { .. } => "admin_key_required",
            Error::Forbidden { .. } => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Validation { .. } => "validation",
            Error::RateLimited { .. } => "rate_limited",
            Error::Server { .. } => "server",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::Redirect { .. } => "redirect",
            Error::OutcomeUnknown { .. } => "outcome_unknown",
            Error::Decode { .. } => "decode",
        }
    }

    /// True when the request may have been carried out although no usable answer came back
    /// (see [`Error::OutcomeUnknown`]).
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown { .. })
    }

    /// For a request that creates or moves value: a failure that happened after the request
    /// left (a timeout, a dropped connection, a 5xx, an unreadable or redirecting answer that
    /// may follow processing) says nothing about whether Ninjapay carried it out, so it becomes
    /// [`Error::OutcomeUnknown`]. Refusals (4xx, `status:false`, 429, a 307/308 that asks for the
    /// request elsewhere) and failures before anything was sent stay as they are.
    pub(crate) fn after_sending_a_write(self) -> Error {
        let unknown = match &self {
            Error::Timeout { .. } | Error::Network { .. } | Error::Decode { .. } => true,
            Error::Server { status, .. } => *status >= 500,
            Error::Redirect { status, .. } => !matches!(status, 307 | 308),
            _ => false,
        };
        if !unknown {
            return self;
        }
        let cause = self.code();
        Error::OutcomeUnknown {
            cause,
            detail: self.to_string(),
            message: format!(
                "{self} — Ninjapay may have received this and carried it out. \
                 Check before trying again."
            ),
        }
    }

    /// The field a validation error is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// How long the server asked us to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// True for failures where the same read may succeed if tried again later (timeouts,
    /// dropped connections, 429 and 5xx). Never used to resend a request that moves value.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Network { .. } | Error::RateLimited { .. } => true,
            Error::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The same error with its message rewritten (used to redact).
    pub(crate) fn map_message(self, f: impl Fn(String) -> String) -> Error {
        match self {
            Error::Unauthorized { message } => Error::Unauthorized {
                message: f(message),
            },
            Error::AdminKeyRequired { message } => Error::AdminKeyRequired {
                message: f(message),
            },
            Error::Forbidden { message } => Error::Forbidden {
                message: f(message),
            },
            Error::NotFound { message } => Error::NotFound {
                message: f(message),
            },
            Error::Validation {
                field,
                message,
                broken,
            } => Error::Validation {
                field,
                message: f(message),
                broken,
            },
            Error::RateLimited {
                retry_after,
                message,
            } => Error::RateLimited {
                retry_after,
                message: f(message),
            },
            Error::Server { status, message } => Error::Server {
                status,
                message: f(message),
            },
            Error::Network { message } => Error::Network {
                message: f(message),
            },
            Error::Timeout { message } => Error::Timeout {
                message: f(message),
            },
            Error::Redirect {
                status,
                location,
                message,
            } => Error::Redirect {
                status,
                location,
                message: f(message),
            },
            Error::OutcomeUnknown {
                cause,
                detail,
                message,
            } => {
                let detail = f(detail);
                Error::OutcomeUnknown {
                    cause,
                    detail,
                    message: f(message),
                }
            }
            Error::Decode { path, message } => Error::Decode {
                path,
                message: f(message),
            },
        }
    }

    /// `field` breaks `rule` (with the values its message needs, such as `("max", "100")`).
    pub fn broke(field: &str, rule: Rule, args: &[(&'static str, &str)]) -> Error {
        let broken = Broken::new(rule, args);
        Error::Validation {
            field: Some(field.to_owned()),
            message: broken.english(field),
            broken: Some(broken),
        }
    }
}

/// Crosses IPC as `{code, message}` (plus `field` / `retry_after_secs` / `path` when set).
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 8)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        match self {
            Error::Validation { field, broken, .. } => {
                st.serialize_field("field", field)?;
                if let Some(b) = broken {
                    st.serialize_field("rule", &b.rule)?;
                    st.serialize_field("args", &b.args)?;
                }
            }
            Error::RateLimited { retry_after, .. } => {
                st.serialize_field("retry_after_secs", &retry_after.map(|d| d.as_secs()))?
            }
            Error::Decode { path, .. } => st.serialize_field("path", path)?,
            Error::Redirect { location, .. } => st.serialize_field("location", location)?,
            Error::OutcomeUnknown { cause, detail, .. } => {
                st.serialize_field("cause", cause)?;
                st.serialize_field("detail", detail)?
            }
            _ => {}
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        // A rule the client caught: the English message, and the rule and its values for the
        // page to say in the user's language.
        let e = Error::broke("voucher_count", Rule::VoucherCount, &[("max", "100")]);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code":"validation","message":"voucher_count must be a whole number from 1 to 100",
                "field":"voucher_count","rule":"voucher_count","args":{"max":"100"}})
        );
        let e = Error::RateLimited {
            retry_after: Some(Duration::from_secs(60)),
            message: "slow down".into(),
        };
        assert_eq!(serde_json::to_value(&e).unwrap()["retry_after_secs"], 60);
        assert!(e.is_transient());
        assert!(!Error::Server {
            status: 400,
            message: String::new()
        }
        .is_transient());
    }
}
