//! Widget tokens (§5, prod host): `undefined → pending → paid | declined`. Onramp tokens
//! credit the wallet when paid; offramp tokens reserve (debit) their amount at creation and
//! give it back if declined.

use rand::Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::record::{AmountStyle, Invoice, RecordFields, RecordHead, RecordView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokStatus {
    Undefined,
    Pending,
    Declined,
    Paid,
}

impl TokStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TokStatus::Undefined => "undefined",
            TokStatus::Pending => "pending",
            TokStatus::Declined => "declined",
            TokStatus::Paid => "paid",
        }
    }
    pub fn parse(s: &str) -> Option<TokStatus> {
        Some(match s {
            "undefined" => TokStatus::Undefined,
            "pending" => TokStatus::Pending,
            "declined" => TokStatus::Declined,
            "paid" => TokStatus::Paid,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    Onramp,
    Offramp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub token: u64,
    pub mode: Mode,
    /// BTC, positive; an offramp shows it negated (money going out).
    pub amount: Decimal,
    pub status: TokStatus,
    #[serde(flatten)]
    pub record: RecordFields,
    /// Upcoming transitions, in time order.
    pub fates: Vec<(i64, TokStatus)>,
    /// Seeded sample tokens don't touch the wallet.
    pub moves_wallet: bool,
    /// State files written before tokens kept a whole payment record had only these two; read
    /// once by [`Token::upgrade`], never written.
    #[serde(default, skip_serializing)]
    payreq: Option<String>,
    #[serde(default, skip_serializing)]
    expires_at: Option<i64>,
}

impl Token {
    /// A token in status `undefined`, with no fates yet, that moves the wallet.
    pub fn new(token: u64, mode: Mode, amount: Decimal, record: RecordFields) -> Token {
        Token {
            token,
            mode,
            amount,
            status: TokStatus::Undefined,
            record,
            fates: Vec::new(),
            moves_wallet: true,
            payreq: None,
            expires_at: None,
        }
    }

    /// Draws the fate: pending 5–30 s after creation, then paid (80 %) or declined 30 s–4 min
    /// after creation.
    pub fn schedule(&mut self, rng: &mut impl Rng) {
        let pending = self.record.created_at + rng.gen_range(5..=30);
        let fin = pending + rng.gen_range(25..=210);
        let outcome = if rng.gen_range(0..100) < 80 {
            TokStatus::Paid
        } else {
            TokStatus::Declined
        };
        self.fates = vec![(pending, TokStatus::Pending), (fin, outcome)];
    }

    pub fn tick(&mut self, now: i64, balance: &mut Decimal) {
        while let Some(&(at, s)) = self.fates.first() {
            if at > now {
                break;
            }
            self.fates.remove(0);
            self.apply(s, balance);
        }
    }

    pub fn force(&mut self, status: TokStatus, balance: &mut Decimal) {
        self.fates.clear();
        self.apply(status, balance);
    }

    fn apply(&mut self, status: TokStatus, balance: &mut Decimal) {
        let was_final = matches!(self.status, TokStatus::Paid | TokStatus::Declined);
        self.status = status;
        if was_final || !matches!(status, TokStatus::Paid | TokStatus::Declined) {
            return;
        }
        if self.moves_wallet {
            match (self.mode, status) {
                (Mode::Onramp, TokStatus::Paid) => *balance += self.amount,
                (Mode::Offramp, TokStatus::Declined) => *balance += self.amount,
                _ => {}
            }
        }
        if status == TokStatus::Paid && self.record.callback_url.is_some() {
            self.record.callback_status = Some(200);
        }
    }

    /// The Check Token answer: the onramp or offramp shape of a payment record, amounts as
    /// JSON numbers.
    pub fn view(&self) -> RecordView<'_> {
        let (head, amount) = match self.mode {
            Mode::Onramp => (
                RecordHead::Onramp {
                    token: self.token,
                    widget_mode: "onramp",
                },
                self.amount,
            ),
            Mode::Offramp => (
                RecordHead::Offramp {
                    tid: self.token,
                    payment_mode: "lightning",
                },
                -self.amount,
            ),
        };
        self.record
            .view(head, amount, self.status.as_str(), AmountStyle::Number)
    }

    /// Fills in the record of a token read from an older state file (which kept only
    /// `payreq` and `expires_at`), the way `requestToken` makes it today.
    pub fn upgrade(&mut self) {
        if let Some(payreq) = self.payreq.take() {
            let expires_at = self
                .expires_at
                .take()
                .unwrap_or(self.record.created_at + 600);
            self.record = self
                .mode
                .record(self.token, payreq, expires_at, self.record.clone());
        }
    }
}

impl Mode {
    /// The invoice, checkout and fee fields of a new token of this mode.
    pub fn record(
        self,
        token: u64,
        payreq: String,
        expires_at: i64,
        base: RecordFields,
    ) -> RecordFields {
        match self {
            Mode::Onramp => RecordFields {
                hosted_checkout_url: Some(format!("https://checkout.ninjapay.me/{token}")),
                hosted_checkout_expiry: Some(expires_at),
                invoice: Some(Invoice {
                    kind: "invoice",
                    expires_at: Some(expires_at),
                    payreq,
                }),
                ..base
            },
            Mode::Offramp => RecordFields {
                invoice: Some(Invoice {
                    kind: "lnurl",
                    expires_at: None,
                    payreq,
                }),
                network_fee: Some("0.00000100 btc".into()),
                ..base
            },
        }
    }
}
