//! The endpoints by name: one short method per endpoint, each sending its type from
//! [`crate::calls`] through [`Client`]'s one `call`.

use serde::Deserialize;
use serde_json::Value;

use crate::calls::*;
use crate::client::Client;
use crate::error::Error;
use crate::ids::Tid;
use crate::models::*;
use crate::requests::*;

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
