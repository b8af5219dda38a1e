//! The two sandbox keys and what each may do (the docs' permission table, §1.2).

/// Invoice key: create payment requests and read everything, but never move money out.
pub const INVOICE_KEY: &str = "sandboxinvoicekey00000000000000000000001";
/// Admin key: everything, including send, requestVoucher and requestToken.
pub const ADMIN_KEY: &str = "sandboxadminkey0000000000000000000000002";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Invoice,
    Admin,
}

impl KeyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Invoice => "invoice",
            KeyKind::Admin => "admin",
        }
    }
}

pub fn kind_of(key: &str) -> Option<KeyKind> {
    match key.trim() {
        INVOICE_KEY => Some(KeyKind::Invoice),
        ADMIN_KEY => Some(KeyKind::Admin),
        _ => None,
    }
}

/// The prod host's `Authorization` header carries the raw key; tolerate a `Bearer ` prefix.
pub fn strip_bearer(value: &str) -> &str {
    let v = value.trim();
    match v.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => v[7..].trim(),
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of(INVOICE_KEY), Some(KeyKind::Invoice));
        assert_eq!(kind_of(ADMIN_KEY), Some(KeyKind::Admin));
        assert_eq!(kind_of("nope"), None);
        assert_eq!(strip_bearer("Bearer abc"), "abc");
        assert_eq!(strip_bearer("abc"), "abc");
        assert_eq!(strip_bearer("bearer  x "), "x");
    }
}
