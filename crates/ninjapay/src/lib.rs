//! A typed client for the Ninjapay HTTP API, as documented at `ninjapay.gitbook.io` (compiled
//! in `shared/ninjapay-api.md`). It does not depend on Tauri.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ninjapay::Error> {
//! use ninjapay::{ApiKey, Client, Tid};
//! let client = Client::builder()
//!     .api_url("http://127.0.0.1:8787")   // the sandbox; defaults to https://api.ninjapay.me
//!     .prod_url("http://127.0.0.1:8788")  // defaults to https://prod.ninjapay.me
//!     .invoice_key(ApiKey::new("sandboxinvoicekey00000000000000000000001"))
//!     .build()?;
//! let voucher = client.check_voucher(&Tid::parse("210N66027HB789")?).await?;
//! println!("{} of {} redeemed", voucher.redeemed_count(), voucher.count());
//! # Ok(()) }
//! ```
//!
//! # Endpoints and the key each needs
//!
//! | Method | Endpoint | Host, path | Key | Sent |
//! |---|---|---|---|---|
//! | [`Client::request_voucher`] | Request Voucher | api `POST /lapi/v1/requestVoucher` | **Admin** (debits the wallet) | once |
//! | [`Client::check_voucher`] | Check Voucher | api `GET /lapi/v1/checkVoucher` | Invoice | retried |
//! | [`Client::revoke_voucher`] | Revoke Voucher Request | api `GET /lapi/v1/revokeVoucher` | Invoice | once |
//! | [`Client::redeem_voucher`] | Redeem Voucher | api `GET /lapi/v1/redeemVoucher` | Invoice | once |
//! | [`Client::asset_balance`] | Asset Balances | api `GET /tapi/v1/assetBalance` | Invoice | retried |
//! | [`Client::check_order`] | Check Order | api `GET /tapi/v1/checkOrder` | Invoice | retried |
//! | [`Client::revoke_order`] | Revoke Order Request | api `GET /tapi/v1/revokeOrder` | Invoice | once |
//! | [`Client::wallet_info`] | Wallet Info | api `GET /lapi/v1/wallet` | Invoice | retried |
//! | [`Client::receive`] | Request Payment | api `POST /lapi/v1/receive` | Invoice | once |
//! | [`Client::check_payment`] | Check Payment | api `GET /lapi/v1/checkPayment` | Invoice | retried |
//! | [`Client::send`] | Send Payment | api `POST /lapi/v1/send` | **Admin** | once |
//! | [`Client::history`] | Transactions | api `GET /lapi/v1/history` | Invoice | retried |
//! | [`Client::decode`] | Decode Invoice | api `GET /lapi/v1/decode` | Invoice | retried |
//! | [`Client::request_token`] | Request Token | prod `POST /lapi/v1/requestToken` | **Admin** | once |
//! | [`Client::check_token`] | Check Token | prod `GET /lapi/v1/checkVoucher` | Invoice | retried |
//! | [`Client::request_quote_id`] | Request Quote ID (BTC<>INR and USDT<>INR) | prod `POST /sapi/v1/requestQuoteID` | Invoice | once |
//! | [`Client::request_quote`] | Request Invoice for Quote | prod `POST /sapi/v1/requestQuote` | Invoice | once |
//! | [`Client::check_quote`] | Check Payment (quote) | prod `GET /sapi/v1/checkQuote` | Invoice | retried |
//!
//! "Invoice" means either key works (the Admin key can do everything); the Invoice key is used
//! when both are set. An Admin endpoint with only an Invoice key configured fails locally with
//! [`Error::AdminKeyRequired`] and sends nothing. The same table is available as data in
//! [`endpoints::ALL`].
//!
//! Left out because the docs' pages for them could not be read (no path or schema to build
//! against): **Buy/Sell** and **Asset Prices** (spot trade) and **Get Prices** (Lightning).
//! Also out of scope: NinjaAuth, the URI intent, the UPI/P2P plugins and the "Pro" mirror.
//!
//! # Transport and safety
//!
//! One `reqwest` client (rustls). GET parameters go in the query string **and** in the JSON
//! body the docs' examples send. The key goes in `x-api-key` on the api host and in
//! `Authorization` (raw, no `Bearer`) on the prod host, as each host's examples show; it is
//! marked sensitive so the HTTP stack never prints it, and wiped from memory when dropped.
//!
//! - **Where keys may go.** Base URLs must be `https://`, or `http://` to this computer only
//!   (`127.0.0.0/8`, `::1`, `localhost`): [`validate::base_url`]. **Redirects are never
//!   followed**: a 3xx is [`Error::Redirect`], naming the host it pointed to (nothing was sent
//!   there).
//! - **Nothing is repeated behind the user's back.** Reads are retried on timeouts, dropped
//!   connections, 429 and 5xx with exponential back-off and jitter, honouring `Retry-After` up to
//!   [`RetryPolicy::max_retry_after`]. Anything that creates, moves, revokes or redeems is sent
//!   exactly once, whatever happens.
//! - **No outcome is hidden.** When such a write was sent and no usable answer came back (a
//!   timeout, a dropped connection, a 5xx, an unreadable body, a 301/302/303), the error is
//!   [`Error::OutcomeUnknown`]: Ninjapay may have carried it out. No idempotency key is
//!   documented, so check before sending again: [`reconcile::Attempt`] finds a send or a payment
//!   request in [`Client::history`]. A refusal (4xx, `status:false`, 429, 307/308) and a failure
//!   to connect stay plain errors: nothing was done.
//! - **Answers are read up to [`MAX_ANSWER_BYTES`]** (8 MiB), piece by piece; a configured key
//!   echoed by a server is replaced by `<redacted>` before the body is parsed or quoted.
//! - **Extra fields never break reading**: an envelope is recognised by `data` beside a
//!   `status`/`success` flag or a `message`, whatever else sits beside them; the extra fields
//!   are kept under [`ENVELOPE_EXTRA_KEY`] in the record's other fields.
//!
//! Every endpoint is a type in `calls.rs` (its [`endpoints::Endpoint`] description, what it
//! sends, what its answer decodes into); one `Client::call` sends them all. Requests implement
//! [`Validate`]: every problem is known, each naming its field, before anything is sent.
//! Derived figures the API does not state (a voucher batch's totals and state, an order's
//! state, a payment's direction) are computed from `Decimal`s in `figures.rs`.

//! # Contradictions in the docs, and how they are resolved
//!
//! - **Hosts.** The Authentication page says `prod.ninjapay.me` but the BTC pages use `api`:
//!   each endpoint uses the host of its own page; both base URLs are configurable.
//! - **Same path, two meanings.** `/lapi/v1/checkVoucher` is Check Voucher on api and Check
//!   Token on prod: the endpoint table names the host with the path.
//! - **Redeem Voucher's path.** Its Method line says `/revokeVoucher`, its example
//!   `/redeemVoucher`: the example's path is used (the other would revoke the batch).
//! - **Auth header.** `Authorization`, `x-api-key` or `?api_key=`: the per-host header of the
//!   examples; never the query string (URLs end up in logs).
//! - **Key kinds.** Request Voucher states none but debits the wallet, so it needs Admin; Revoke
//!   Order's example uses the Invoice key and so does the client.
//! - **`tid` types.** Strings on api, integers on prod ("12-digit number"), an integer
//!   `redeemed_tid` inside string-tid vouchers: [`Tid`] keeps the text of either. Sent to prod as
//!   a JSON number when it is all digits, as its examples do.
//! - **Amount types.** Strings in lapi records, numbers in vouchers and on prod, `int` for BTC in
//!   Request Payment, `string` declared but a number sent in Send: every amount decodes from
//!   either into a `rust_decimal::Decimal` keeping the exact digits sent (numbers never pass
//!   through `f64`, see `lossless.rs`). Requests send numbers where the docs' types say number
//!   and strings where they say string (Send's `amount`).
//! - **Timestamps.** Unix seconds almost everywhere, ISO-8601 in Decode: [`Timestamp`] reads both.
//! - **Envelopes.** `{status,data,message}` on api, bare objects on prod, `{data}` on the error
//!   page: all read. Errors as `{status:false,message}`, `{success:false,message}`, plain text or
//!   an HTML page all yield the server's message.
//! - **Status sets.** Check Quote shows `pending/success/failed/expired/refunded` and
//!   `Pending/Completed/Failed`: matched case-insensitively, `Completed` = `Success`. Payment
//!   status has a literal `"undefined"`. Unknown values decode as `Unknown(text)`.
//! - **Field names.** `reveived_asset` (*sic*) is read as `received_asset`; Decode's camelCase
//!   fields are mapped; Check Quote's second schema's `ninjatag` is read as `receiver_ninjatag`.
//! - **GET with a body** (checkVoucher, revokeOrder, decode, …): sent both ways, see Transport.
//! - **Example bodies that omit required fields** (Redeem Voucher without `redeem_mode`, Request
//!   Token without `widget_mode`): the documented parameter lists win, and are validated.
//! - **`refund_wallet`** for USDT quotes: the comment says only `usdt`, the example sends
//!   `lbtc`: `lbtc`, `btc` and `usdt` are all accepted.
//! - **Rate limits** have no documented 429: a 429 is read as [`Error::RateLimited`] with its
//!   `Retry-After`, and the limits are in [`schedule::RATE_LIMITS`] for a watcher to respect.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod account;
mod bech32;
mod calls;
mod client;
mod de;
pub mod endpoints;
mod error;
mod figures;
#[doc(hidden)]
pub mod fuzzing;
mod ids;
mod key;
mod lossless;
mod methods;
mod models;
pub mod reconcile;
mod requests;
mod response;
mod rules;
pub mod schedule;
mod status;
pub mod validate;

pub use account::{Account, Mode};
pub use client::{
    Client, ClientBuilder, RequestObserver, RetryPolicy, DEFAULT_API_URL, DEFAULT_PROD_URL,
    MAX_ANSWER_BYTES,
};
pub use error::Error;
pub use figures::{
    CodeFigures, Direction, OrderFigures, PaymentFigures, VoucherFigures, VoucherState,
};
pub use ids::{Tid, Timestamp};
pub use key::{ApiKey, KeyKind};
pub use models::*;
pub use requests::*;
pub use response::ENVELOPE_EXTRA_KEY;
pub use rules::{Broken, Rule};
pub use rust_decimal::Decimal;
pub use status::{EmailStatus, OrderType, PaymentStatus, QuoteStatus, WidgetMode};
