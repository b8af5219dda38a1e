//! Checks run before anything is sent, each naming the field it is about.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::rules::Rule;

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
        return Err(Error::broke(field, Rule::BtcPositive, &[]));
    }
    if amount.normalize().scale() > BTC_DECIMALS {
        return Err(Error::broke(field, Rule::BtcDecimals, &[]));
    }
    Ok(())
}

/// An INR amount for the bridge: more than zero, at most ₹97,000, at most 2 decimals.
pub fn fiat_amount(field: &str, amount: Decimal) -> Check {
    if amount <= Decimal::ZERO {
        return Err(Error::broke(field, Rule::FiatPositive, &[]));
    }
    if amount > Decimal::from(MAX_FIAT_AMOUNT_INR) {
        return Err(Error::broke(field, Rule::FiatMax, &[("max", "97,000")]));
    }
    if amount.normalize().scale() > 2 {
        return Err(Error::broke(field, Rule::FiatDecimals, &[]));
    }
    Ok(())
}

/// A webhook, redirect or artwork URL: absolute http(s) with a host.
pub fn http_url(field: &str, text: &str) -> Check {
    match url::Url::parse(text.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(()),
        _ => Err(Error::broke(field, Rule::HttpUrl, &[])),
    }
}

/// A base URL a key may be sent to: `https://…`, or `http://` to this computer only
/// (`127.0.0.0/8`, `::1`, `localhost`: the sandbox, local testing). No user name or password,
/// query or fragment. Returns it without a trailing slash.
pub fn base_url(field: &str, text: &str) -> Result<String, Error> {
    let text = text.trim();
    let url = url::Url::parse(text)
        .map_err(|e| Error::broke(field, Rule::BaseUrlInvalid, &[("detail", &e.to_string())]))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let ok_scheme = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !ok_scheme || url.host().is_none() {
        return Err(Error::broke(field, Rule::BaseUrlHttps, &[]));
    }
    if !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(Error::broke(field, Rule::BaseUrlParts, &[]));
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// What the app may open outside itself: an `https` page on `ninjapay.me` or one of its
/// subdomains (default port, no user name, no IP address), or a `lightning:` link to a BOLT11
/// invoice whose checksum is valid. Hosts are compared after parsing, never as text patterns,
/// so `https://evil.example/#.ninjapay.me` is refused. Returns the link to open.
pub fn external_link(text: &str) -> Result<String, Error> {
    let text = text.trim();
    let refuse = |rule, args: &[(&'static str, &str)]| Error::broke("url", rule, args);
    if let Some(rest) = text
        .strip_prefix("lightning:")
        .or_else(|| text.strip_prefix("LIGHTNING:"))
    {
        let lower = rest.to_ascii_lowercase();
        let bolt11 = ["lnbcrt", "lnbc", "lntbs", "lntb", "lnsb"]
            .iter()
            .any(|p| lower.starts_with(p));
        if !bolt11 || !crate::bech32::checksum_ok(rest) {
            return Err(refuse(Rule::LinkNotInvoice, &[]));
        }
        return Ok(format!("lightning:{rest}"));
    }
    let url = url::Url::parse(text).map_err(|_| refuse(Rule::LinkNotWeb, &[]))?;
    if url.scheme() != "https" {
        return Err(refuse(Rule::LinkNotHttps, &[]));
    }
    if !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return Err(refuse(Rule::LinkCredentials, &[]));
    }
    let host = match url.host() {
        Some(url::Host::Domain(d)) => d.to_ascii_lowercase(),
        _ => return Err(refuse(Rule::LinkNoHost, &[])),
    };
    if host != "ninjapay.me" && !host.ends_with(".ninjapay.me") {
        return Err(refuse(Rule::LinkNotNinjapay, &[("host", &host)]));
    }
    Ok(url.to_string())
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
        Err(Error::broke(field, Rule::Email, &[]))
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
        Err(Error::broke(field, Rule::Ninjatag, &[]))
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
        Err(Error::broke(field, Rule::UpiId, &[]))
    }
}

/// A BOLT11 invoice (`lnbc…`, `lntb…`, `lnbcrt…`) or an LNURL (`lnurl1…`), optionally behind
/// `lightning:`; checked for shape (prefix, separator, bech32 characters), not signature.
pub fn lightning_invoice(field: &str, text: &str) -> Check {
    if looks_like_invoice(text) {
        Ok(())
    } else {
        Err(Error::broke(field, Rule::LightningInvoice, &[]))
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

/// Every problem of a request, collected so a form can show them all at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Error>);

impl Problems {
    /// Keeps the problem, if any; true when there was none.
    pub fn check(&mut self, result: Check) -> bool {
        match result {
            Ok(()) => true,
            Err(e) => {
                self.0.push(e);
                false
            }
        }
    }

    /// `field` breaks `rule`.
    pub fn add(&mut self, field: &str, rule: Rule) {
        self.0.push(Error::broke(field, rule, &[]));
    }

    /// The trimmed value of a field that must not be blank, or a problem.
    pub fn required(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        match required(field, value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// Everything found, in the order checked.
    pub fn into_vec(self) -> Vec<Error> {
        self.0
    }
}

/// Something the user chose from a fixed list.
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Check {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Error::broke(
            field,
            Rule::OneOf,
            &[("allowed", &allowed.join(", "))],
        ))
    }
}

/// A free-text field that must not be blank.
pub fn required(field: &str, value: Option<&str>) -> Result<String, Error> {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(Error::broke(field, Rule::Required, &[])),
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
    fn base_urls_are_https_except_on_this_computer() {
        for ok in [
            "https://api.ninjapay.me",
            "https://api.ninjapay.me/",
            "https://proxy.example.com/ninjapay",
            "http://127.0.0.1:8787",
            "http://127.9.9.9:1",
            "http://[::1]:8787/",
            "http://localhost:8787",
        ] {
            let v = base_url("api_url", ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(!v.ends_with('/'), "{v}");
        }
        for bad in [
            "http://api.ninjapay.me",
            "http://192.168.1.5:8787",
            "http://10.0.0.1",
            "http://localhost.evil.example",
            "ftp://api.ninjapay.me",
            "api.ninjapay.me",
            "https://user:pw@api.ninjapay.me",
            "https://api.ninjapay.me/?x=1",
            "https://api.ninjapay.me/#x",
            "",
        ] {
            assert_eq!(
                base_url("api_url", bad).unwrap_err().field(),
                Some("api_url"),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_ninjapay_pages_and_valid_invoices_are_opened() {
        let doc = "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygq78s0uk";
        for ok in [
            "https://checkout.ninjapay.me/198660213997",
            "https://ninjapay.me/dashboard",
            "https://www.ninjapay.me/voucher/redeem/7ee15185",
            "https://CHECKOUT.NINJAPAY.ME/x",
        ] {
            assert!(external_link(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            external_link(&format!("lightning:{doc}")).unwrap(),
            format!("lightning:{doc}")
        );
        let typo = format!("lightning:{}x", &doc[..doc.len() - 1]);
        for bad in [
            "https://evil.example/#.ninjapay.me",
            "https://evil.example/?.ninjapay.me",
            "https://ninjapay.me.evil.example/",
            "https://evilninjapay.me/",
            "https://ninjapay.me@evil.example/",
            "https://user@checkout.ninjapay.me/",
            "https://checkout.ninjapay.me:8443/",
            "http://checkout.ninjapay.me/",
            "https://104.21.0.1/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "lightning:lnurl1dp68gurn8ghj7",
            "lightning:bc1qxyz",
            typo.as_str(),
        ] {
            assert!(external_link(bad).is_err(), "{bad}");
        }
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
