//! Every endpoint the client calls, as data: method, host, path, the key it needs, and whether
//! it only reads (and may be retried) or creates, moves, revokes or redeems (sent once).

use crate::key::KeyKind;

/// The two Ninjapay hosts. They take the key in different headers and shape bodies differently
/// (enveloped with string tids on `api`, bare with numeric tids on `prod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// `https://api.ninjapay.me`: Lightning wallet, vouchers, spot trade. Key in `x-api-key`.
    Api,
    /// `https://prod.ninjapay.me`: widget tokens and the fiat bridge. Key in `Authorization`.
    Prod,
}

impl Host {
    /// The header the docs' examples put the key in for this host.
    pub fn key_header(self) -> &'static str {
        match self {
            Host::Api => "x-api-key",
            Host::Prod => "Authorization",
        }
    }
}

/// GET or POST (the docs use GET even for revoke and redeem).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Parameters go in the query string and in a JSON body.
    Get,
    /// Parameters go in a JSON body.
    Post,
}

/// Whether repeating a request could move value twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Only reads: retried on timeouts, 429 and 5xx.
    Read,
    /// Creates, moves, revokes or redeems: sent exactly once, whatever happens.
    Write,
}

/// One endpoint's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The docs' name for it.
    pub name: &'static str,
    /// GET or POST.
    pub method: Method,
    /// Which host serves it.
    pub host: Host,
    /// The path, e.g. `/lapi/v1/checkVoucher`.
    pub path: &'static str,
    /// The least key that may call it (`Admin` for send, requestToken and requestVoucher).
    pub key: KeyKind,
    /// Read or write.
    pub effect: Effect,
}

const fn ep(
    name: &'static str,
    method: Method,
    host: Host,
    path: &'static str,
    key: KeyKind,
    effect: Effect,
) -> Endpoint {
    Endpoint {
        name,
        method,
        host,
        path,
        key,
        effect,
    }
}

use Effect::{Read, Write};
use Host::{Api, Prod};
use KeyKind::{Admin, Invoice};
use Method::{Get, Post};

/// Request Voucher: creates a batch and debits the wallet, so it needs the Admin key.
pub const REQUEST_VOUCHER: Endpoint = ep(
    "requestVoucher",
    Post,
    Api,
    "/lapi/v1/requestVoucher",
    Admin,
    Write,
);
/// Check Voucher.
pub const CHECK_VOUCHER: Endpoint = ep(
    "checkVoucher",
    Get,
    Api,
    "/lapi/v1/checkVoucher",
    Invoice,
    Read,
);
/// Revoke Voucher Request (a state-changing GET).
pub const REVOKE_VOUCHER: Endpoint = ep(
    "revokeVoucher",
    Get,
    Api,
    "/lapi/v1/revokeVoucher",
    Invoice,
    Write,
);
/// Redeem Voucher (the docs' Method line says revokeVoucher; the example's redeemVoucher is used).
pub const REDEEM_VOUCHER: Endpoint = ep(
    "redeemVoucher",
    Get,
    Api,
    "/lapi/v1/redeemVoucher",
    Invoice,
    Write,
);
/// Asset Balances.
pub const ASSET_BALANCE: Endpoint = ep(
    "assetBalance",
    Get,
    Api,
    "/tapi/v1/assetBalance",
    Invoice,
    Read,
);
/// Check Order.
pub const CHECK_ORDER: Endpoint = ep("checkOrder", Get, Api, "/tapi/v1/checkOrder", Invoice, Read);
/// Revoke Order Request (the docs use the Invoice key).
pub const REVOKE_ORDER: Endpoint = ep(
    "revokeOrder",
    Get,
    Api,
    "/tapi/v1/revokeOrder",
    Invoice,
    Write,
);
/// Wallet Info (response undocumented).
pub const WALLET: Endpoint = ep("wallet", Get, Api, "/lapi/v1/wallet", Invoice, Read);
/// Request Payment.
pub const RECEIVE: Endpoint = ep("receive", Post, Api, "/lapi/v1/receive", Invoice, Write);
/// Check Payment.
pub const CHECK_PAYMENT: Endpoint = ep(
    "checkPayment",
    Get,
    Api,
    "/lapi/v1/checkPayment",
    Invoice,
    Read,
);
/// Send Payment (Admin key).
pub const SEND: Endpoint = ep("send", Post, Api, "/lapi/v1/send", Admin, Write);
/// Transactions.
pub const HISTORY: Endpoint = ep("history", Get, Api, "/lapi/v1/history", Invoice, Read);
/// Decode Invoice.
pub const DECODE: Endpoint = ep("decode", Get, Api, "/lapi/v1/decode", Invoice, Read);
/// Request Token (Admin key).
pub const REQUEST_TOKEN: Endpoint = ep(
    "requestToken",
    Post,
    Prod,
    "/lapi/v1/requestToken",
    Admin,
    Write,
);
/// Check Token: the same path as Check Voucher, on the other host.
pub const CHECK_TOKEN: Endpoint = ep(
    "checkToken",
    Get,
    Prod,
    "/lapi/v1/checkVoucher",
    Invoice,
    Read,
);
/// Request Quote ID (BTC or USDT → INR).
pub const REQUEST_QUOTE_ID: Endpoint = ep(
    "requestQuoteID",
    Post,
    Prod,
    "/sapi/v1/requestQuoteID",
    Invoice,
    Write,
);
/// Request Invoice for Quote.
pub const REQUEST_QUOTE: Endpoint = ep(
    "requestQuote",
    Post,
    Prod,
    "/sapi/v1/requestQuote",
    Invoice,
    Write,
);
/// Check Payment for a quote.
pub const CHECK_QUOTE: Endpoint = ep(
    "checkQuote",
    Get,
    Prod,
    "/sapi/v1/checkQuote",
    Invoice,
    Read,
);

/// Every endpoint the client covers, in the docs' order. The docs' 19 operations map to 18
/// endpoints: "Request Quote ID (BTC<>INR)" and "(USDT<>INR)" are one endpoint told apart by
/// `sending_asset`.
pub const ALL: [Endpoint; 18] = [
    REQUEST_VOUCHER,
    CHECK_VOUCHER,
    REVOKE_VOUCHER,
    REDEEM_VOUCHER,
    ASSET_BALANCE,
    CHECK_ORDER,
    REVOKE_ORDER,
    WALLET,
    RECEIVE,
    CHECK_PAYMENT,
    SEND,
    HISTORY,
    DECODE,
    REQUEST_TOKEN,
    CHECK_TOKEN,
    REQUEST_QUOTE_ID,
    REQUEST_QUOTE,
    CHECK_QUOTE,
];
