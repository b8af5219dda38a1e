//! What the app shows beside a record but Ninjapay does not state outright: a voucher batch's
//! totals and state, an order's state, a payment's direction. Computed here, once, from
//! `Decimal`s; the shell sends them beside the record (`"figures"`) and the UI only formats them.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::de;
use crate::models::{Order, OrderState, Payment, PaymentDetails, TokenDetail, Voucher};

/// Where a voucher batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoucherState {
    /// Some codes can still be redeemed.
    Open,
    /// Every code has been redeemed.
    FullyRedeemed,
    /// Past `expires_at` with codes left: they can no longer be redeemed.
    Expired,
    /// Revoked: no code can be redeemed any more.
    Revoked,
}

impl VoucherState {
    /// True when nothing in the batch will change any more.
    pub fn is_final(self) -> bool {
        self != VoucherState::Open
    }
}

/// One code of a batch, as the detail table and the export show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeFigures {
    /// The code (from `voucher_code`, or the URL's last segment).
    pub code: String,
    /// True once someone redeemed it.
    pub redeemed: bool,
}

/// A voucher batch's totals and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoucherFigures {
    /// Codes in the batch.
    pub count: u32,
    /// Codes redeemed.
    pub redeemed_count: u32,
    /// Codes not redeemed yet.
    pub open_count: u32,
    /// BTC the batch is worth (amount × count): what creating it debited.
    #[serde(with = "de::decimal")]
    pub total_value: Decimal,
    /// BTC paid out so far.
    #[serde(with = "de::decimal")]
    pub redeemed_value: Decimal,
    /// BTC not redeemed and not revoked (still owed unless the batch has expired).
    #[serde(with = "de::decimal")]
    pub outstanding_value: Decimal,
    /// BTC that can still be redeemed now: the outstanding value, or zero once expired.
    #[serde(with = "de::decimal")]
    pub redeemable_value: Decimal,
    /// Where the batch stands.
    pub state: VoucherState,
    /// Each code, in the server's order.
    pub codes: Vec<CodeFigures>,
}

impl Voucher {
    /// Where the batch stands at `now_unix`.
    pub fn state(&self, now_unix: i64) -> VoucherState {
        if self.revoked {
            VoucherState::Revoked
        } else if self.redeemed_count() >= self.count() {
            VoucherState::FullyRedeemed
        } else if self.expires_at.is_some_and(|t| t.unix() <= now_unix) {
            VoucherState::Expired
        } else {
            VoucherState::Open
        }
    }

    /// Totals, state and codes at `now_unix`.
    pub fn figures(&self, now_unix: i64) -> VoucherFigures {
        let (count, redeemed_count) = (self.count(), self.redeemed_count());
        let state = self.state(now_unix);
        let outstanding_value = self.outstanding_value();
        VoucherFigures {
            count,
            redeemed_count,
            open_count: count.saturating_sub(redeemed_count),
            total_value: self.total_value(),
            redeemed_value: self.redeemed_value(),
            outstanding_value,
            redeemable_value: if state == VoucherState::Open {
                outstanding_value
            } else {
                Decimal::ZERO
            },
            state,
            codes: self
                .voucher_urls
                .iter()
                .map(|c| CodeFigures {
                    code: c.code().to_owned(),
                    redeemed: c.is_redeemed(),
                })
                .collect(),
        }
    }
}

/// An order's state (the API gives none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderFigures {
    /// Open, partially filled, filled or revoked.
    pub state: OrderState,
}

impl Order {
    /// The order's figures.
    pub fn figures(&self) -> OrderFigures {
        OrderFigures {
            state: self.state(),
        }
    }
}

/// Money coming in or going out of the wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Received (a positive amount).
    In,
    /// Sent (Ninjapay writes outgoing amounts as negative numbers).
    Out,
}

/// A payment's direction and unsigned amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentFigures {
    /// In or out.
    pub direction: Direction,
    /// The amount without its sign, in BTC.
    #[serde(with = "de::opt_decimal", skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}

impl PaymentFigures {
    /// From a payment record's fields (a payment, or a widget token's record).
    pub fn of(details: &PaymentDetails) -> PaymentFigures {
        let amount = details.amount;
        PaymentFigures {
            direction: if amount.is_some_and(|a| a.is_sign_negative() && !a.is_zero()) {
                Direction::Out
            } else {
                Direction::In
            },
            amount: amount.map(|a| a.abs()),
        }
    }
}

impl Payment {
    /// Direction and unsigned amount.
    pub fn figures(&self) -> PaymentFigures {
        PaymentFigures::of(&self.details)
    }
}

impl TokenDetail {
    /// Direction (an offramp pays out) and unsigned amount.
    pub fn figures(&self) -> PaymentFigures {
        PaymentFigures::of(&self.details)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn voucher_totals_and_states() {
        let now = 1_000_000;
        let v = |codes: serde_json::Value, extra: serde_json::Value| -> Voucher {
            let mut base = json!({"tid": "T", "amount": "0.00010000", "voucher_urls": codes});
            base.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            serde_json::from_value(base).unwrap()
        };
        let codes = json!([
            {"voucher_url": "https://www.ninjapay.me/voucher/redeem/AB", "voucher_code": "AB", "redeemed_by": "x", "redeemed_at": 5},
            {"voucher_url": "https://www.ninjapay.me/voucher/redeem/CD", "voucher_code": "CD"},
            {"voucher_url": "https://www.ninjapay.me/voucher/redeem/EF"}
        ]);
        let f = v(codes.clone(), json!({"expires_at": now + 60})).figures(now);
        assert_eq!((f.count, f.redeemed_count, f.open_count), (3, 1, 2));
        assert_eq!(f.total_value.to_string(), "0.00030000");
        assert_eq!(f.redeemed_value.to_string(), "0.00010000");
        assert_eq!(f.outstanding_value.to_string(), "0.00020000");
        assert_eq!(f.redeemable_value, f.outstanding_value);
        assert_eq!(f.state, VoucherState::Open);
        assert_eq!(f.codes[2].code, "EF");
        assert!(f.codes[0].redeemed && !f.codes[1].redeemed);
        let expired = v(codes.clone(), json!({"expires_at": now})).figures(now);
        assert_eq!(expired.state, VoucherState::Expired);
        assert_eq!(expired.outstanding_value.to_string(), "0.00020000");
        assert!(expired.redeemable_value.is_zero());
        let revoked = v(codes, json!({"revoked": true})).figures(now);
        assert_eq!(revoked.state, VoucherState::Revoked);
        assert!(revoked.outstanding_value.is_zero() && revoked.state.is_final());
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["redeemed_value"], "0.00010000");
        assert_eq!(json["state"], "open");
    }

    #[test]
    fn payment_direction() {
        let p: Payment =
            serde_json::from_value(json!({"tid": "P", "amount": "-0.19362077"})).unwrap();
        let f = p.figures();
        assert_eq!(f.direction, Direction::Out);
        assert_eq!(f.amount.unwrap().to_string(), "0.19362077");
        let p: Payment = serde_json::from_value(json!({"tid": "P", "amount": "1.5"})).unwrap();
        assert_eq!(p.figures().direction, Direction::In);
    }
}
