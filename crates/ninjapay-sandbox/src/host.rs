//! The two Ninjapay hosts the sandbox stands in for.

/// Which of the two Ninjapay hosts a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// `https://api.ninjapay.me`: `/lapi/v1/*`, `/tapi/v1/*`; enveloped bodies, string tids.
    Api,
    /// `https://prod.ninjapay.me`: widget tokens and the bridge; bare bodies, integer tids.
    Prod,
}
