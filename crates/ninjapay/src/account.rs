//! Which Ninjapay a client talks to: the in-process sandbox or a live server. Every record the
//! app keeps (a watch, a ledger row) carries its [`Account`], so Sandbox and Live never mix: a
//! watch made in Sandbox mode is never checked against the real Ninjapay with the real key, and
//! the other way round.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Sandbox (the local stand-in, no real money) or Live (a real Ninjapay server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The in-process sandbox on 127.0.0.1.
    Sandbox,
    /// The real API (or a server the user pointed Live mode at).
    Live,
}

impl Mode {
    /// `"sandbox"` or `"live"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Sandbox => "sandbox",
            Mode::Live => "live",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The server side of a record: the mode and, in Live mode, the base URLs its requests went to.
///
/// The sandbox's ports change at every start, so a Sandbox account is just "the sandbox".
/// Serialised as `{"mode":"sandbox"}` or `{"mode":"live","apiUrl":…,"prodUrl":…}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Account {
    /// The in-process sandbox.
    Sandbox,
    /// A live server, by its two base URLs (normalised: no trailing slash).
    Live {
        /// The `api` host's base URL.
        #[serde(rename = "apiUrl")]
        api_url: String,
        /// The `prod` host's base URL.
        #[serde(rename = "prodUrl")]
        prod_url: String,
    },
}

impl Account {
    /// A live account at these base URLs (trailing slashes dropped, so equal hosts compare
    /// equal).
    pub fn live(api_url: &str, prod_url: &str) -> Account {
        Account::Live {
            api_url: api_url.trim().trim_end_matches('/').to_owned(),
            prod_url: prod_url.trim().trim_end_matches('/').to_owned(),
        }
    }

    /// The account's mode.
    pub fn mode(&self) -> Mode {
        match self {
            Account::Sandbox => Mode::Sandbox,
            Account::Live { .. } => Mode::Live,
        }
    }

    /// Words for people: "Sandbox" or "Live (api.ninjapay.me)".
    pub fn describe(&self) -> String {
        match self {
            Account::Sandbox => "Sandbox".to_owned(),
            Account::Live { api_url, .. } => {
                let host = url::Url::parse(api_url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_else(|| api_url.clone());
                format!("Live ({host})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_its_mode_and_compares_hosts_without_slashes() {
        assert_eq!(
            serde_json::to_string(&Account::Sandbox).unwrap(),
            r#"{"mode":"sandbox"}"#
        );
        let live = Account::live("https://api.ninjapay.me/", "https://prod.ninjapay.me");
        assert_eq!(
            serde_json::to_string(&live).unwrap(),
            r#"{"mode":"live","apiUrl":"https://api.ninjapay.me","prodUrl":"https://prod.ninjapay.me"}"#
        );
        let back: Account = serde_json::from_str(&serde_json::to_string(&live).unwrap()).unwrap();
        assert_eq!(back, live);
        assert_eq!(
            live,
            Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me/")
        );
        assert_ne!(live, Account::Sandbox);
        assert_eq!(live.mode(), Mode::Live);
        assert_eq!(live.describe(), "Live (api.ninjapay.me)");
    }
}
