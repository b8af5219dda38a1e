//! Why an input is refused, as a rule the page can say in the user's language.
//!
//! Each [`Rule`] names a message in the app's catalogues (`ui/i18n/<locale>.json`, area
//! `rules`): the page shows `t("rules.<rule>", {field, …args})` in English or Hindi, and the
//! client's own English message is made from the same English template, so the wording has one
//! home. A rule's `{field}` is the request field's name as the API spells it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

/// The English catalogue, read once.
const ENGLISH: &str = include_str!("../../../ui/i18n/en-IN.json");

/// A reason for refusing an input before it is sent. Each variant's words are its catalogue
/// message (`rules.<snake_case name>`), so they are not repeated here.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    BtcPositive,
    BtcDecimals,
    FiatPositive,
    FiatMax,
    FiatDecimals,
    HttpUrl,
    BaseUrlInvalid,
    BaseUrlHttps,
    BaseUrlParts,
    Email,
    Ninjatag,
    UpiId,
    LightningInvoice,
    OneOf,
    Required,
    ShapeBtc,
    ShapeAmount,
    ShapeWhole,
    ShapeOther,
    Empty,
    TooLong,
    NoSpaces,
    AtLeastOne,
    VoucherCount,
    EmailNeedsOneVoucher,
    AtLeastOneMinute,
    NotNegative,
    AmountForNinjatag,
    AmountForLnurl,
    VoucherCode,
    LettersDigits,
    LinkNotInvoice,
    LinkNotWeb,
    LinkNotHttps,
    LinkCredentials,
    LinkNoHost,
    LinkNotNinjapay,
    KeyEmpty,
    KeyLength,
    KeyChars,
    TimeoutRange,
    Date,
    RangeReversed,
    TidsNone,
    TidsTooMany,
}

impl Rule {
    /// Every rule (for the test that each has a message).
    pub const ALL: [Rule; 45] = [
        Rule::BtcPositive,
        Rule::BtcDecimals,
        Rule::FiatPositive,
        Rule::FiatMax,
        Rule::FiatDecimals,
        Rule::HttpUrl,
        Rule::BaseUrlInvalid,
        Rule::BaseUrlHttps,
        Rule::BaseUrlParts,
        Rule::Email,
        Rule::Ninjatag,
        Rule::UpiId,
        Rule::LightningInvoice,
        Rule::OneOf,
        Rule::Required,
        Rule::ShapeBtc,
        Rule::ShapeAmount,
        Rule::ShapeWhole,
        Rule::ShapeOther,
        Rule::Empty,
        Rule::TooLong,
        Rule::NoSpaces,
        Rule::AtLeastOne,
        Rule::VoucherCount,
        Rule::EmailNeedsOneVoucher,
        Rule::AtLeastOneMinute,
        Rule::NotNegative,
        Rule::AmountForNinjatag,
        Rule::AmountForLnurl,
        Rule::VoucherCode,
        Rule::LettersDigits,
        Rule::LinkNotInvoice,
        Rule::LinkNotWeb,
        Rule::LinkNotHttps,
        Rule::LinkCredentials,
        Rule::LinkNoHost,
        Rule::LinkNotNinjapay,
        Rule::KeyEmpty,
        Rule::KeyLength,
        Rule::KeyChars,
        Rule::TimeoutRange,
        Rule::Date,
        Rule::RangeReversed,
        Rule::TidsNone,
        Rule::TidsTooMany,
    ];

    /// The catalogue key under `rules` ("btc_positive").
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The English template ("{field} must be more than 0 BTC"), if the catalogue has it.
    pub fn template(self) -> Option<&'static str> {
        static RULES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
        RULES
            .get_or_init(|| {
                serde_json::from_str::<serde_json::Value>(ENGLISH)
                    .ok()
                    .and_then(|c| serde_json::from_value(c.get("rules")?.clone()).ok())
                    .unwrap_or_default()
            })
            .get(&self.key())
            .map(String::as_str)
    }
}

/// A broken rule with what its message needs: the field and any other values (`{max}`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// The rule.
    pub rule: Rule,
    /// The values its message needs besides the field (`max`, `allowed`, …).
    pub args: BTreeMap<&'static str, String>,
}

impl Broken {
    /// `rule`, with the values its message needs.
    pub fn new(rule: Rule, args: &[(&'static str, &str)]) -> Broken {
        Broken {
            rule,
            args: args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        }
    }

    /// The English message for `field`: the catalogue's template with its placeholders filled
    /// (the key itself if the template is missing, so a gap shows rather than nothing).
    pub fn english(&self, field: &str) -> String {
        let Some(template) = self.rule.template() else {
            return format!("{field}: {}", self.rule.key());
        };
        let mut out = template.replace("{field}", field);
        for (name, value) in &self.args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<String> {
        let mut names: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn every_rule_has_an_english_message() {
        for rule in Rule::ALL {
            let t = rule.template();
            assert!(
                t.is_some_and(|t| !t.trim().is_empty()),
                "rules.{} is missing in en-IN.json",
                rule.key()
            );
        }
    }

    #[test]
    fn messages_fill_every_placeholder() {
        let b = Broken::new(Rule::FiatMax, &[("max", "97,000")]);
        assert_eq!(
            b.english("fiat_amount"),
            "fiat_amount must be at most 97,000 INR"
        );
        // Every placeholder of every template is {field} or an argument its callers pass; a
        // template with an unknown one would show "{…}" to the user.
        let known = ["field", "max", "allowed", "detail", "host", "given"];
        for rule in Rule::ALL {
            for p in placeholders(rule.template().unwrap_or_default()) {
                assert!(
                    known.contains(&p.as_str()),
                    "rules.{}: unknown placeholder {{{p}}}",
                    rule.key()
                );
            }
        }
    }
}
