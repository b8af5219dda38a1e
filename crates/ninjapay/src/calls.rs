//! Every endpoint as a type: its description (from [`crate::endpoints`]), what it sends, and
//! what its answer decodes into. [`Client::call`] does the rest, the same way for all of them,
//! so adding an endpoint is one entry here (plus a one-line method if it deserves a name).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::Client;
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
            return Err(Error::validation("limit", "limit must be at least 1"));
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

/// The endpoints by name, as the docs and the app call them.
impl Client {
    // ----- Withdraw vouchers -------------------------------------------------------------

    /// Creates a batch of withdraw vouchers; debits amount × count (Admin key).
    pub async fn request_voucher(&self, request: &VoucherRequest) -> Result<Voucher, Error> {
        self.data(request).await
    }

    /// A voucher batch with every code's redeem details.
    pub async fn check_voucher(&self, tid: &Tid) -> Result<Voucher, Error> {
        self.data(&CheckVoucher(tid)).await
    }

    /// Revokes a whole batch.
    pub async fn revoke_voucher(&self, tid: &Tid) -> Result<Revocation, Error> {
        self.data(&RevokeVoucher(tid)).await
    }

    /// Pays one code out to a ninjatag or an invoice.
    pub async fn redeem_voucher(&self, request: &RedeemRequest) -> Result<Redemption, Error> {
        self.data(request).await
    }

    // ----- Spot trade ----------------------------------------------------------------------

    /// Balances per asset. Entries that are not amounts (an envelope's extra fields, a null
    /// balance) are kept in [`AssetBalances::other`] rather than failing the answer.
    pub async fn asset_balance(&self) -> Result<AssetBalances, Error> {
        let reply = self.call(&AssetBalance).await?;
        let mut out = AssetBalances {
            updated: reply.message,
            ..AssetBalances::default()
        };
        for (asset, value) in reply.data {
            match value.as_str().and_then(crate::de::parse_decimal) {
                Some(amount) => {
                    out.balances.insert(asset, amount);
                }
                None => {
                    out.other.insert(asset, value);
                }
            }
        }
        Ok(out)
    }

    /// A trade order.
    pub async fn check_order(&self, tid: &Tid) -> Result<Order, Error> {
        self.data(&CheckOrder(tid)).await
    }

    /// Revokes an open order.
    pub async fn revoke_order(&self, tid: &Tid) -> Result<Revocation, Error> {
        self.data(&RevokeOrder(tid)).await
    }

    // ----- Lightning wallet ----------------------------------------------------------------

    /// Wallet Info: the fields we can rely on plus the raw answer.
    pub async fn wallet_info(&self) -> Result<WalletInfo, Error> {
        let raw = self.data(&Wallet).await?;
        let mut info = WalletInfo::deserialize(&raw).unwrap_or(WalletInfo {
            balance: None,
            wallet: None,
            ninjatag: None,
            raw: Value::Null,
        });
        info.raw = raw;
        Ok(info)
    }

    /// Creates a payment request (a Lightning invoice with a hosted checkout page).
    pub async fn receive(&self, request: &ReceiveRequest) -> Result<Payment, Error> {
        self.data(request).await
    }

    /// A payment's current state.
    pub async fn check_payment(&self, tid: &Tid) -> Result<Payment, Error> {
        self.data(&CheckPayment(tid)).await
    }

    /// Pays out (Admin key). Sent exactly once: when the answer is lost the error is
    /// [`Error::OutcomeUnknown`]; look in [`Client::history`] before sending again.
    pub async fn send(&self, request: &SendRequest) -> Result<SendReceipt, Error> {
        let reply = self.call(request).await?;
        Ok(SendReceipt {
            message: reply.data.message.or(reply.message),
            ..reply.data
        })
    }

    /// The latest `limit` payments, newest first. The docs set no maximum; a server may return
    /// fewer than asked.
    pub async fn history(&self, limit: u32) -> Result<Vec<Payment>, Error> {
        self.data(&History(limit)).await
    }

    /// What an invoice asks for: amount, description, expiry.
    pub async fn decode(&self, payreq: &str) -> Result<DecodedInvoice, Error> {
        self.data(&Decode(payreq)).await
    }

    // ----- Widget ----------------------------------------------------------------------------

    /// Creates a widget token (Admin key).
    pub async fn request_token(&self, request: &TokenRequest) -> Result<TokenCreated, Error> {
        self.data(request).await
    }

    /// A widget token's payment record (prod's `checkVoucher`).
    pub async fn check_token(&self, tid: &Tid) -> Result<TokenDetail, Error> {
        self.data(&CheckToken(tid)).await
    }

    // ----- Fiat bridge -----------------------------------------------------------------------

    /// Step 1 of a BTC/USDT → INR payout: a quote id.
    pub async fn request_quote_id(
        &self,
        request: &QuoteIdRequest,
    ) -> Result<QuoteIdCreated, Error> {
        self.data(request).await
    }

    /// Step 2: the invoice or address to pay for a quote.
    pub async fn request_quote(&self, request: &QuoteRequest) -> Result<QuoteInvoice, Error> {
        self.data(request).await
    }

    /// A quote's state.
    pub async fn check_quote(&self, tid: &Tid) -> Result<Quote, Error> {
        self.data(&CheckQuote(tid)).await
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
