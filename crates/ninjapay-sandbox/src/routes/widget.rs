//! Widget tokens (§5, prod host): request a token, Check Token (which lives at
//! `/lapi/v1/checkVoucher` on this host). Bare bodies, integer ids.

use axum::response::Response;
use serde_json::json;

use super::context::Call;
use super::fields::{btc_amount, url_field};
use super::reply::bare;
use crate::bolt11;
use crate::error::{ApiError, ApiResult};
use crate::money::btc_str;
use crate::state::record::RecordFields;
use crate::state::tokens::{Mode, Token};

/// How long a new token's checkout and invoice stay open.
const TOKEN_TTL: i64 = 600;

pub fn request_token(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let mode = match p.req_str("widget_mode")?.to_ascii_lowercase().as_str() {
        "onramp" => Mode::Onramp,
        "offramp" => Mode::Offramp,
        _ => return Err(ApiError::bad("widget_mode must be onramp or offramp")),
    };
    let amount = btc_amount("amount", p.req_decimal("amount")?)?;
    let order_id = p.opt_nonempty("order_id")?;
    let callback_url = url_field(p, "callback_url")?;
    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    if mode == Mode::Offramp {
        if w.balance < amount {
            return Err(ApiError::bad(format!(
                "insufficient balance: an offramp of {} BTC exceeds the wallet's {} BTC",
                btc_str(amount),
                btc_str(w.balance)
            )));
        }
        // Reserved now, given back if the customer declines.
        w.balance -= amount;
    }
    let token = w.new_int_tid();
    let payreq = match mode {
        Mode::Onramp => bolt11::encode(amount, now, &mut w.rng),
        Mode::Offramp => {
            let url = format!(
                "https://sandbox.ninjapay.invalid/lnurl/withdraw/{}",
                w.new_hex(32)
            );
            bolt11::lnurl(&url)
        }
    };
    let base = RecordFields {
        callback_url,
        order_id,
        ..RecordFields::new(now)
    };
    let record = mode.record(token, payreq, now + TOKEN_TTL, base);
    let mut t = Token::new(token, mode, amount, record);
    t.schedule(&mut w.rng);
    w.tokens.push(t);
    Ok(bare(json!({ "token": token })))
}

pub fn check_token(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_int("tid")?;
    let w = c.shared.world();
    let t = w
        .tokens
        .iter()
        .find(|t| t.token == tid)
        .ok_or_else(|| ApiError::not_found(format!("token tid {tid} not found")))?;
    Ok(bare(t.view()))
}
