//! Checks run before anything is sent, each naming the field it is about.

use rust_decimal::Decimal;

use crate::error::Error;

/// The most INR one bridge quote can deliver.
pub const MAX_FIAT_AMOUNT_INR: u32 = 97_000;
/// The most codes one voucher batch can hold.
pub const MAX_VOUCHER_COUNT: u32 = 100;
/// BTC has 8 decimals (1 sat = 0.00000001 BTC).
pub const BTC_DECIMALS: u32 = 8;

type Check = Result<(), Error>;

/// A BTC amount: more than zero, at most 8 decimals.
pub fn btc_amount(field: &str, amount: Decimal) -> Check {
    if amount <= Decimal::ZERO {
        return Err(Error::validation(
            field,
            format!("{field} must be more than 0 BTC"),
        ));
    }
    if amount.normalize().scale() > BTC_DECIMALS {
        return Err(Error::validation(
            field,
            format!(
                "{field} has more than 8 decimals (the smallest unit is 1 sat = 0.00000001 BTC)"
            ),
        ));
    }
    Ok(())
}

/// An INR amount for the bridge: more than zero, at most ₹97,000, at most 2 decimals.
pub fn fiat_amount(field: &str, amount: Decimal) -> Check {
    if amount <= Decimal::ZERO {
        return Err(Error::validation(
            field,
            format!("{field} must be more than 0"),
        ));
    }
    if amount > Decimal::from(MAX_FIAT_AMOUNT_INR) {
        return Err(Error::validation(
            field,
            format!("{field} must be at most 97,000 INR"),
        ));
    }
    if amount.normalize().scale() > 2 {
        return Err(Error::validation(
            field,
            format!("{field} has more than 2 decimals (paise)"),
        ));
    }
    Ok(())
}

/// A webhook, redirect or artwork URL: absolute http(s) with a host.
pub fn http_url(field: &str, text: &str) -> Check {
    match url::Url::parse(text.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(()),
        _ => Err(Error::validation(
            field,
            format!("{field} must be a web address starting with http:// or https://"),
        )),
    }
}

/// Something shaped like an email address.
pub fn email(field: &str, text: &str) -> Check {
    let text = text.trim();
    let ok = match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(|c| c.is_whitespace() || c.is_control())
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{field} is not an email address"),
        ))
    }
}

/// A Ninjapay username: letters, digits, `_`, `.` or `-`, with or without a leading `@`.
pub fn ninjatag(field: &str, text: &str) -> Check {
    let tag = text.trim().trim_start_matches('@');
    let ok = (2..=64).contains(&tag.len())
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{field} is not a ninjatag (a username such as @satoshi)"),
        ))
    }
}

/// A UPI id: `name@bank`.
pub fn upi_id(field: &str, text: &str) -> Check {
    let ok = match text.trim().split_once('@') {
        Some((name, bank)) => {
            !name.is_empty()
                && !bank.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                && bank.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{field} is not a UPI id (like name@okbank)"),
        ))
    }
}

/// A BOLT11 invoice (`lnbc…`, `lntb…`, `lnbcrt…`) or an LNURL (`lnurl1…`), optionally behind
/// `lightning:`; checked for shape (prefix, separator, bech32 characters), not signature.
pub fn lightning_invoice(field: &str, text: &str) -> Check {
    if looks_like_invoice(text) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{field} is not a Lightning invoice (it should start with lnbc… or lnurl…)"),
        ))
    }
}

fn looks_like_invoice(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let lower = lower.strip_prefix("lightning:").unwrap_or(&lower);
    // Mixed case is invalid bech32.
    let body = &text[text.len() - lower.len()..];
    if body != body.to_ascii_lowercase() && body != body.to_ascii_uppercase() {
        return false;
    }
    const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return false;
    };
    let prefix_ok = hrp.starts_with("lnurl")
        || ["lnbcrt", "lnbc", "lntbs", "lntb", "lnsb"]
            .iter()
            .any(|p| hrp.starts_with(p));
    prefix_ok && data.len() >= 6 && data.chars().all(|c| BECH32.contains(c))
}

/// Something the user chose from a fixed list.
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Check {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{field} must be one of: {}", allowed.join(", ")),
        ))
    }
}

/// A free-text field that must not be blank.
pub fn required(field: &str, value: Option<&str>) -> Result<String, Error> {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(Error::validation(field, format!("{field} is required"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn btc_amounts() {
        assert!(btc_amount("amount", d("0.00000001")).is_ok());
        assert!(btc_amount("amount", d("0.00001000")).is_ok());
        assert_eq!(
            btc_amount("amount", d("0")).unwrap_err().field(),
            Some("amount")
        );
        assert!(btc_amount("amount", d("-1")).is_err());
        let e = btc_amount("amount", d("0.000000001")).unwrap_err();
        assert!(e.to_string().contains("8 decimals"));
    }

    #[test]
    fn fiat_amounts() {
        assert!(fiat_amount("fiat_amount", d("97000")).is_ok());
        assert!(fiat_amount("fiat_amount", d("1.50")).is_ok());
        assert!(fiat_amount("fiat_amount", d("97000.01")).is_err());
        assert!(fiat_amount("fiat_amount", d("0")).is_err());
        assert!(fiat_amount("fiat_amount", d("1.001")).is_err());
    }

    #[test]
    fn urls_emails_tags_upi() {
        assert!(http_url("callback_url", "https://yourwebhook.com/x?y=1").is_ok());
        assert!(http_url("callback_url", "http://127.0.0.1:9000/hook").is_ok());
        for bad in ["ftp://x.com", "javascript:alert(1)", "yourwebhook.com", ""] {
            assert_eq!(
                http_url("callback_url", bad).unwrap_err().field(),
                Some("callback_url")
            );
        }
        assert!(email("receiver_email", "dev@ninjapay.me").is_ok());
        for bad in ["dev@", "@x.com", "dev@x", "a b@x.com", "dev"] {
            assert!(email("receiver_email", bad).is_err(), "{bad}");
        }
        assert!(ninjatag("redeem_to", "@satoshi_21").is_ok());
        assert!(ninjatag("redeem_to", "lnbc 1").is_err());
        assert!(upi_id("receiver_upi_id", "merchant@okaxis").is_ok());
        assert!(upi_id("receiver_upi_id", "merchant").is_err());
    }

    #[test]
    fn invoices() {
        let doc = "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv";
        assert!(lightning_invoice("payreq", doc).is_ok());
        assert!(lightning_invoice("payreq", &format!("lightning:{doc}")).is_ok());
        assert!(lightning_invoice("payreq", &doc.to_ascii_uppercase()).is_ok());
        assert!(lightning_invoice("payreq", "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS").is_ok());
        for bad in [
            "",
            "hello",
            "lnbc",
            "bc1qxyz",
            "lnbc1OOOO0000",
            "LnBc1qqqqqqqq",
        ] {
            assert_eq!(
                lightning_invoice("payreq", bad).unwrap_err().field(),
                Some("payreq"),
                "{bad}"
            );
        }
    }
}
