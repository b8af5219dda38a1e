//! Every documented endpoint the sandbox serves: where it lives and who may call it.

use axum::http::Method;

use crate::host::Host;

/// Every documented endpoint the sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Wallet,
    Send,
    Receive,
    CheckPayment,
    History,
    Decode,
    RequestVoucher,
    CheckVoucher,
    RevokeVoucher,
    RedeemVoucher,
    AssetBalance,
    CheckOrder,
    RevokeOrder,
    RequestToken,
    CheckToken,
    RequestQuoteId,
    RequestQuote,
    CheckQuote,
}

impl Endpoint {
    /// The endpoint at `path` on `host`; a prod-only path on the api host is `None` (404).
    pub fn lookup(host: Host, path: &str) -> Option<Endpoint> {
        use Endpoint::*;
        Some(match (host, path) {
            (Host::Api, "/lapi/v1/wallet") => Wallet,
            (Host::Api, "/lapi/v1/send") => Send,
            (Host::Api, "/lapi/v1/receive") => Receive,
            (Host::Api, "/lapi/v1/checkPayment") => CheckPayment,
            (Host::Api, "/lapi/v1/history") => History,
            (Host::Api, "/lapi/v1/decode") => Decode,
            (Host::Api, "/lapi/v1/requestVoucher") => RequestVoucher,
            (Host::Api, "/lapi/v1/checkVoucher") => CheckVoucher,
            (Host::Api, "/lapi/v1/revokeVoucher") => RevokeVoucher,
            (Host::Api, "/lapi/v1/redeemVoucher") => RedeemVoucher,
            (Host::Api, "/tapi/v1/assetBalance") => AssetBalance,
            (Host::Api, "/tapi/v1/checkOrder") => CheckOrder,
            (Host::Api, "/tapi/v1/revokeOrder") => RevokeOrder,
            (Host::Prod, "/lapi/v1/requestToken") => RequestToken,
            (Host::Prod, "/lapi/v1/checkVoucher") => CheckToken,
            (Host::Prod, "/sapi/v1/requestQuoteID") => RequestQuoteId,
            (Host::Prod, "/sapi/v1/requestQuote") => RequestQuote,
            (Host::Prod, "/sapi/v1/checkQuote") => CheckQuote,
            _ => return None,
        })
    }

    pub fn method(self) -> Method {
        use Endpoint::*;
        match self {
            Send | Receive | RequestVoucher | RequestToken | RequestQuoteId | RequestQuote => {
                Method::POST
            }
            _ => Method::GET,
        }
    }

    /// Endpoints that move money out need the Admin key.
    pub fn admin_only(self) -> bool {
        matches!(
            self,
            Endpoint::Send | Endpoint::RequestVoucher | Endpoint::RequestToken
        )
    }
}
