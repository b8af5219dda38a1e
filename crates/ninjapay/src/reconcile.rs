//! After an unknown outcome: was it carried out? For a send or a payment request the answer is
//! in the history (Transactions), which lists both directions; this finds the records that
//! match what was attempted. Vouchers, tokens and quotes cannot be listed by the API: for them
//! the app can only say so and point at the wallet balance.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::figures::Direction;
use crate::models::Payment;
use crate::requests::{ReceiveRequest, SendRequest};

/// What was attempted, in the terms a history record can be matched on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Money in (a payment request) or out (a send).
    pub direction: Direction,
    /// The amount asked for, in BTC, when known (a send to a BOLT11 takes the invoice's).
    #[serde(default, with = "crate::de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// Where it went: a ninjatag (without `@`) or the invoice paid.
    #[serde(default)]
    pub destination: Option<String>,
    /// The description given, for a payment request.
    #[serde(default)]
    pub description: Option<String>,
    /// When it was sent (unix seconds); records older than this (less a minute for clock
    /// differences) cannot be it.
    pub since_unix: i64,
}

/// Allowed difference between the amount sent and an outgoing record's amount, which may
/// include fees: 1 % of the amount plus 1,000 sats.
fn fee_allowance(amount: Decimal) -> Decimal {
    amount / Decimal::from(100) + Decimal::new(1000, 8)
}

fn tag(text: &str) -> String {
    text.trim().trim_start_matches('@').to_ascii_lowercase()
}

fn invoice(text: &str) -> String {
    let t = text.trim().to_ascii_lowercase();
    t.strip_prefix("lightning:").unwrap_or(&t).to_owned()
}

impl Attempt {
    /// A send, as the form filled it in (`amount` for a BOLT11 comes from decoding it, if done).
    pub fn of_send(request: &SendRequest, invoice_amount: Option<Decimal>, since: i64) -> Self {
        Attempt {
            direction: Direction::Out,
            amount: request.amount.or(invoice_amount),
            destination: request
                .ninjatag
                .as_deref()
                .map(tag)
                .or_else(|| request.lightning_invoice.as_deref().map(invoice)),
            description: None,
            since_unix: since,
        }
    }

    /// A payment request.
    pub fn of_receive(request: &ReceiveRequest, since: i64) -> Self {
        Attempt {
            direction: Direction::In,
            amount: Some(request.amount),
            destination: None,
            description: request.description.clone(),
            since_unix: since,
        }
    }

    /// True when `p` could be the record of this attempt.
    pub fn matches(&self, p: &Payment) -> bool {
        let d = &p.details;
        let figures = p.figures();
        if figures.direction != self.direction {
            return false;
        }
        if d.created_at
            .is_some_and(|t| t.unix() < self.since_unix - 60)
        {
            return false;
        }
        let amount_ok = match (self.amount, figures.amount) {
            (Some(want), Some(got)) => match self.direction {
                Direction::In => got == want,
                Direction::Out => got >= want && got - want <= fee_allowance(want),
            },
            (Some(_), None) => false,
            (None, _) => true,
        };
        let destination_ok = match &self.destination {
            None => true,
            Some(dest) => {
                let tag_ok = d.receiver_ninjatag.as_deref().map(tag).as_ref() == Some(dest);
                let invoice_ok = d
                    .lightning_invoice
                    .as_ref()
                    .and_then(|i| i.payreq.as_deref())
                    .map(invoice)
                    .as_ref()
                    == Some(dest);
                let unknown = d.receiver_ninjatag.is_none()
                    && d.lightning_invoice
                        .as_ref()
                        .and_then(|i| i.payreq.as_ref())
                        .is_none();
                tag_ok || invoice_ok || unknown
            }
        };
        let description_ok = match (&self.description, &d.description) {
            (Some(want), Some(got)) => want.trim() == got.trim(),
            (Some(want), None) => want.trim().is_empty(),
            (None, _) => true,
        };
        amount_ok && destination_ok && description_ok
    }

    /// The records in `history` that could be this attempt, as listed (newest first).
    pub fn find<'a>(&self, history: &'a [Payment]) -> Vec<&'a Payment> {
        history.iter().filter(|p| self.matches(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::str::FromStr;

    fn pay(v: serde_json::Value) -> Payment {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_send_is_found_by_amount_destination_and_time() {
        let since = 1_000_000;
        let send = SendRequest {
            payment_mode: "ninjatag".into(),
            ninjatag: Some("@Satoshi".into()),
            amount: Some(Decimal::from_str("0.001").unwrap()),
            ..Default::default()
        };
        let a = Attempt::of_send(&send, None, since);
        let history = vec![
            pay(
                json!({"tid":"OUT1","amount":"-0.00100002","receiver_ninjatag":"satoshi","created_at": since + 2}),
            ),
            pay(
                json!({"tid":"OUT2","amount":"-0.00100002","receiver_ninjatag":"hal","created_at": since + 2}),
            ),
            pay(json!({"tid":"IN1","amount":"0.001","created_at": since + 2})),
            pay(
                json!({"tid":"OLD","amount":"-0.001","receiver_ninjatag":"satoshi","created_at": since - 3600}),
            ),
            pay(
                json!({"tid":"BIG","amount":"-0.002","receiver_ninjatag":"satoshi","created_at": since}),
            ),
        ];
        let found: Vec<_> = a.find(&history).iter().map(|p| p.tid.to_string()).collect();
        assert_eq!(found, ["OUT1"]);
    }

    #[test]
    fn a_payment_request_is_found_by_amount_and_description() {
        let since = 1_000_000;
        let req = ReceiveRequest {
            amount: Decimal::from_str("0.0005").unwrap(),
            description: Some("Table 4".into()),
            ..Default::default()
        };
        let a = Attempt::of_receive(&req, since);
        let history = vec![
            pay(
                json!({"tid":"R1","amount":"0.00050000","description":"Table 4","created_at": since + 1}),
            ),
            pay(
                json!({"tid":"R2","amount":"0.00050000","description":"Table 5","created_at": since + 1}),
            ),
        ];
        let found: Vec<_> = a.find(&history).iter().map(|p| p.tid.to_string()).collect();
        assert_eq!(found, ["R1"]);
    }
}
