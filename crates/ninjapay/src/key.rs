//! API keys: held only in memory (wiped when dropped), never printed, never serialised.

use std::fmt;

use zeroize::{Zeroize, Zeroizing};

/// Which of the dashboard's two keys a request is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// Creates payment requests and reads (receive, checks, history).
    Invoice,
    /// Everything, including moving money out (send, vouchers, widget tokens).
    Admin,
}

impl KeyKind {
    /// Both kinds.
    pub const ALL: [KeyKind; 2] = [KeyKind::Invoice, KeyKind::Admin];

    /// `"invoice"` or `"admin"`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Invoice => "invoice",
            KeyKind::Admin => "admin",
        }
    }

    /// "Invoice key" or "Admin key".
    pub fn label(self) -> &'static str {
        match self {
            KeyKind::Invoice => "Invoice key",
            KeyKind::Admin => "Admin key",
        }
    }
}

/// A secret API key. `Debug` prints `ApiKey(<redacted>)`; it implements neither `Display` nor
/// `Serialize`, so it cannot slip into a log line, an error or an IPC payload by accident. Its
/// memory is overwritten when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Zeroizing<String>);

impl ApiKey {
    /// Wraps a key, trimming the spaces and newlines a paste brings along. The `String` given
    /// is taken over (and wiped if trimming had to copy it).
    pub fn new(key: impl Into<String>) -> ApiKey {
        let mut key: String = key.into();
        let trimmed = key.trim();
        if trimmed.len() == key.len() {
            return ApiKey(Zeroizing::new(key));
        }
        let kept = Zeroizing::new(trimmed.to_owned());
        key.zeroize();
        ApiKey(kept)
    }

    /// The key itself, for the one place that needs it: the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when nothing but whitespace was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A form safe to show: `••••` and the last four characters (all bullets for short keys).
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 12 {
            return "••••".to_owned();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("••••{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_masked_and_never_debug_printed() {
        let key = ApiKey::new("  sandboxinvoicekey00000000000000000000001\n");
        assert_eq!(key.masked(), "••••0001");
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(key.expose(), "sandboxinvoicekey00000000000000000000001");
        assert_eq!(ApiKey::new("short").masked(), "••••");
        assert_eq!(
            ApiKey::new("untrimmed").expose(),
            "untrimmed",
            "a key without spaces is kept as given"
        );
    }
}
