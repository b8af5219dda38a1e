//! Every endpoint as a type: its description (from [`crate::endpoints`]), what it sends, and
//! what its answer decodes into. [`Client::call`] does the rest, the same way for all of them,
//! so adding an endpoint is one entry here (plus a one-line method if it deserves a name).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::Value;

use crate::endpoints::{self as ep, Endpoint, Host};
use crate::error::Error;
use crate::ids::Tid;
use crate::models::*;
use crate::requests::*;
use crate::validate;

/// A GET parameter: text, or digits to be sent as a JSON number (the prod host's tids).
#[derive(Debug)]
pub(crate) enum Param {
    Text(String),
    Number(String),
}

impl Param {
    /// A tid as its host expects it: numeric tids go to prod as JSON numbers, as its docs show.
    fn tid(tid: &Tid, host: Host) -> Param {
        if host == Host::Prod && tid.is_numeric() {
            Param::Number(tid.to_string())
        } else {
            Param::Text(tid.to_string())
        }
    }

    pub(crate) fn text(&self) -> &str {
        match self {
            Param::Text(t) | Param::Number(t) => t,
        }
    }
}

/// What a request carries.
#[derive(Debug)]
pub(crate) enum Payload {
    /// GET parameters: sent in the query string *and* as the JSON body the docs show, since
    /// real servers may read either.
    Params(Vec<(&'static str, Param)>),
    /// A POST's JSON body.
    Body(Vec<u8>),
}

impl Payload {
    fn body_of(request: &impl Serialize) -> Result<Payload, Error> {
        serde_json::to_vec(request)
            .map(Payload::Body)
            .map_err(|e| Error::Validation {
                field: None,
                message: format!("The request could not be encoded: {e}"),
                broken: None,
            })
    }

    /// The GET parameters as the JSON body sent beside the query string.
    pub(crate) fn params_json(params: &[(&'static str, Param)]) -> Vec<u8> {
        serde_json::to_vec(&ParamsJson(params)).unwrap_or_else(|_| b"{}".to_vec())
    }
}

struct ParamsJson<'a>(&'a [(&'static str, Param)]);

impl Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            match v {
                Param::Text(t) => map.serialize_entry(k, t)?,
                Param::Number(n) => map.serialize_entry(k, &RawNumber(n))?,
            }
        }
        map.end()
    }
}

struct RawNumber<'a>(&'a str);

impl Serialize for RawNumber<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::de::raw_number(self.0, s)
    }
}

/// One endpoint call.
pub(crate) trait Call {
    /// Which endpoint (method, host, path, key, read or write).
    const ENDPOINT: Endpoint;
    /// What the payload inside the envelope decodes into.
    type Answer: DeserializeOwned;
    /// What to send; an invalid request is refused here, before anything leaves.
    fn payload(&self) -> Result<Payload, Error>;
}

/// Endpoints that take one `tid` parameter.
macro_rules! by_tid {
    ($($(#[$doc:meta])* $name:ident => $endpoint:ident -> $answer:ty;)*) => {$(
        $(#[$doc])*
        pub(crate) struct $name<'a>(pub(crate) &'a Tid);

        impl Call for $name<'_> {
            const ENDPOINT: Endpoint = ep::$endpoint;
            type Answer = $answer;
            fn payload(&self) -> Result<Payload, Error> {
                Ok(Payload::Params(vec![("tid", Param::tid(self.0, Self::ENDPOINT.host))]))
            }
        }
    )*};
}

by_tid! {
    /// Check Voucher.
    CheckVoucher => CHECK_VOUCHER -> Voucher;
    /// Revoke Voucher Request.
    RevokeVoucher => REVOKE_VOUCHER -> Revocation;
    /// Check Order.
    CheckOrder => CHECK_ORDER -> Order;
    /// Revoke Order Request.
    RevokeOrder => REVOKE_ORDER -> Revocation;
    /// Check Payment.
    CheckPayment => CHECK_PAYMENT -> Payment;
    /// Check Token (prod's checkVoucher).
    CheckToken => CHECK_TOKEN -> TokenDetail;
    /// Check Payment for a quote.
    CheckQuote => CHECK_QUOTE -> Quote;
}

/// Endpoints whose request type is the JSON body, validated first.
macro_rules! json_body {
    ($($request:ty => $endpoint:ident -> $answer:ty;)*) => {$(
        impl Call for $request {
            const ENDPOINT: Endpoint = ep::$endpoint;
            type Answer = $answer;
            fn payload(&self) -> Result<Payload, Error> {
                self.validate()?;
                Payload::body_of(&self.as_sent())
            }
        }
    )*};
}

json_body! {
    VoucherRequest => REQUEST_VOUCHER -> Voucher;
    ReceiveRequest => RECEIVE -> Payment;
    SendRequest => SEND -> SendReceipt;
    TokenRequest => REQUEST_TOKEN -> TokenCreated;
    QuoteIdRequest => REQUEST_QUOTE_ID -> QuoteIdCreated;
    QuoteRequest => REQUEST_QUOTE -> QuoteInvoice;
}

impl Call for RedeemRequest {
    const ENDPOINT: Endpoint = ep::REDEEM_VOUCHER;
    type Answer = Redemption;
    fn payload(&self) -> Result<Payload, Error> {
        self.validate()?;
        let text = |s: &str| Param::Text(s.trim().to_owned());
        Ok(Payload::Params(vec![
            ("voucher_code", text(&self.voucher_code)),
            ("redeem_mode", text(&self.redeem_mode)),
            ("redeem_to", text(&self.redeem_to)),
        ]))
    }
}

/// Asset Balances (no parameters).
pub(crate) struct AssetBalance;

impl Call for AssetBalance {
    const ENDPOINT: Endpoint = ep::ASSET_BALANCE;
    type Answer = BTreeMap<String, Value>;
    fn payload(&self) -> Result<Payload, Error> {
        Ok(Payload::Params(Vec::new()))
    }
}

/// Wallet Info (no parameters; the answer is undocumented, so it is read as it comes).
pub(crate) struct Wallet;

impl Call for Wallet {
    const ENDPOINT: Endpoint = ep::WALLET;
    type Answer = Value;
    fn payload(&self) -> Result<Payload, Error> {
        Ok(Payload::Params(Vec::new()))
    }
}

/// Transactions: the latest `limit` payments.
pub(crate) struct History(pub(crate) u32);

impl Call for History {
    const ENDPOINT: Endpoint = ep::HISTORY;
    type Answer = Vec<Payment>;
    fn payload(&self) -> Result<Payload, Error> {
        if self.0 == 0 {
            return Err(Error::broke("limit", crate::Rule::AtLeastOne, &[]));
        }
        Ok(Payload::Params(vec![(
            "limit",
            Param::Number(self.0.to_string()),
        )]))
    }
}

/// Decode Invoice.
pub(crate) struct Decode<'a>(pub(crate) &'a str);

impl Call for Decode<'_> {
    const ENDPOINT: Endpoint = ep::DECODE;
    type Answer = DecodedInvoice;
    fn payload(&self) -> Result<Payload, Error> {
        validate::lightning_invoice("payreq", self.0)?;
        let payreq = self.0.trim();
        let payreq = payreq
            .strip_prefix("lightning:")
            .or_else(|| payreq.strip_prefix("LIGHTNING:"))
            .unwrap_or(payreq);
        Ok(Payload::Params(vec![(
            "payreq",
            Param::Text(payreq.to_owned()),
        )]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_params_become_query_and_json_body() {
        let tid = Tid::parse("21066027789").unwrap();
        let Payload::Params(prod) = CheckQuote(&tid).payload().unwrap() else {
            panic!("a GET")
        };
        prod.iter()
            .for_each(|(_, p)| assert_eq!(p.text(), "21066027789"));
        assert_eq!(
            String::from_utf8(Payload::params_json(&prod)).unwrap(),
            r#"{"tid":21066027789}"#
        );
        let Payload::Params(api) = CheckVoucher(&tid).payload().unwrap() else {
            panic!("a GET")
        };
        assert_eq!(
            String::from_utf8(Payload::params_json(&api)).unwrap(),
            r#"{"tid":"21066027789"}"#
        );
    }

    #[test]
    fn every_endpoint_has_its_type() {
        let paths = [
            VoucherRequest::ENDPOINT,
            CheckVoucher::ENDPOINT,
            RevokeVoucher::ENDPOINT,
            RedeemRequest::ENDPOINT,
            AssetBalance::ENDPOINT,
            CheckOrder::ENDPOINT,
            RevokeOrder::ENDPOINT,
            Wallet::ENDPOINT,
            ReceiveRequest::ENDPOINT,
            CheckPayment::ENDPOINT,
            SendRequest::ENDPOINT,
            History::ENDPOINT,
            Decode::ENDPOINT,
            TokenRequest::ENDPOINT,
            CheckToken::ENDPOINT,
            QuoteIdRequest::ENDPOINT,
            QuoteRequest::ENDPOINT,
            CheckQuote::ENDPOINT,
        ];
        assert_eq!(paths, ep::ALL);
    }
}
