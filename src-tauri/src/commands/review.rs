//! `review`: a form checked by the client's own rules before the user is asked to confirm, so
//! the page never decides what is valid or what a batch costs.

use ninjapay::{
    QuoteIdRequest, QuoteRequest, ReceiveRequest, RedeemRequest, Rule, SendRequest, TokenRequest,
    Validate, VoucherRequest,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{AppError, AppResult};
use crate::ipc::Review;

/// What a field that could not be read at all must hold.
fn shape_of(field: &str) -> Rule {
    match field {
        "amount" => Rule::ShapeBtc,
        "fiat_amount" | "fiat_value" => Rule::ShapeAmount,
        "voucher_count" | "expiry" | "expires_in" => Rule::ShapeWhole,
        _ => Rule::ShapeOther,
    }
}

/// Reads the form into the request type; a value that cannot be read becomes a problem naming
/// its field.
fn read<T: DeserializeOwned>(request: Value) -> Result<T, ninjapay::Error> {
    serde_path_to_error::deserialize(request).map_err(|e| {
        let inner = e.inner().to_string();
        let path = e.path().to_string();
        let missing = inner
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let field = match missing {
            Some(name) => name.to_owned(),
            None => path.trim_start_matches('.').to_owned(),
        };
        if missing.is_some() {
            ninjapay::Error::broke(&field, Rule::Required, &[])
        } else if field.is_empty() || field == "." {
            ninjapay::Error::Validation {
                field: None,
                message: format!("The form could not be read: {inner}"),
                broken: None,
            }
        } else {
            ninjapay::Error::broke(&field, shape_of(&field), &[])
        }
    })
}

fn review_of<T: DeserializeOwned + Validate>(
    request: Value,
    total: impl Fn(&T) -> Option<String>,
) -> Review {
    match read::<T>(request) {
        Ok(r) => {
            let problems = r.problems();
            let total = if problems.is_empty() { total(&r) } else { None };
            Review { problems, total }
        }
        Err(e) => Review {
            problems: vec![e],
            total: None,
        },
    }
}

fn none<T>(_: &T) -> Option<String> {
    None
}

/// Every problem with a form for `endpoint` (the docs' name: `requestVoucher`, `receive`,
/// `send`, `redeemVoucher`, `requestToken`, `requestQuoteID`, `requestQuote`), and for a voucher
/// batch its total debit.
pub fn review_request(endpoint: &str, request: Value) -> AppResult<Review> {
    Ok(match endpoint {
        "requestVoucher" => review_of::<VoucherRequest>(request, |r| Some(r.total().to_string())),
        "receive" => review_of::<ReceiveRequest>(request, none),
        "send" => review_of::<SendRequest>(request, none),
        "redeemVoucher" => review_of::<RedeemRequest>(request, none),
        "requestToken" => review_of::<TokenRequest>(request, none),
        "requestQuoteID" => review_of::<QuoteIdRequest>(request, none),
        "requestQuote" => review_of::<QuoteRequest>(request, none),
        other => {
            return Err(AppError::Validation(format!(
                "There is no form to review for {other:?}."
            )))
        }
    })
}

/// Check a form with the client's rules (nothing is sent).
#[tauri::command]
pub fn review(endpoint: String, request: Value) -> AppResult<Review> {
    review_request(&endpoint, request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(r: &Review) -> Vec<String> {
        r.problems
            .iter()
            .map(|e| e.field().unwrap_or("-").to_owned())
            .collect()
    }

    #[test]
    fn a_voucher_form_gets_every_problem_or_its_total() {
        let r = review_request(
            "requestVoucher",
            json!({"amount": "0", "voucher_count": "101", "callback_url": "ftp://x"}),
        )
        .unwrap();
        assert_eq!(fields(&r), ["amount", "voucher_count", "callback_url"]);
        assert_eq!(r.total, None);
        let r = review_request(
            "requestVoucher",
            json!({"amount": "0.00010000", "voucher_count": "3"}),
        )
        .unwrap();
        assert!(r.problems.is_empty());
        assert_eq!(r.total.as_deref(), Some("0.00030000"));
    }

    #[test]
    fn text_that_is_not_a_number_names_its_field() {
        let r = review_request(
            "requestVoucher",
            json!({"amount": "abc", "voucher_count": 1}),
        )
        .unwrap();
        assert_eq!(fields(&r), ["amount"]);
        assert!(r.problems[0].to_string().contains("a number of BTC"));
        assert!(review_request("nothing", json!({})).is_err());
    }
}
