//! What Ninjapay answers, modelled strictly and decoded leniently.
//!
//! Field names are the API's own (snake_case, `reveived_asset` *sic* included as an alias);
//! amounts are [`Decimal`]s serialised as strings; every model keeps the fields it does not
//! name in `other` (flattened back out when serialised), so nothing the server says is lost.
//!
//! Text fields are plain `Option<String>`: every answer passes through `lossless.rs` first,
//! which turns each JSON number into a string holding its digits, so an `order_id` sent as a
//! number still decodes as text. Amounts, counts and flags have lenient decoders of their own.
//! Extra fields of an envelope (`request_id`, …) arrive in `other` under `envelope`.

use serde_json::{Map, Value};

mod bridge;
mod lightning;
mod trade;
mod vouchers;

pub use bridge::*;
pub use lightning::*;
pub use trade::*;
pub use vouchers::*;

/// Fields a model does not name, kept as sent (numbers as their exact text).
pub type Other = Map<String, Value>;
