//! Property tests: the number rewriter and every response decoder on arbitrary and mutated
//! input never panic, and every number keeps its exact digits.

mod common;

use ninjapay::fuzzing::{decode_every_answer, quote_numbers};
use proptest::prelude::*;
use serde_json::Value;

/// A JSON number as a server might write it: sign, digits, fraction, exponent.
fn number() -> impl Strategy<Value = String> {
    (
        proptest::bool::ANY,
        "[0-9]{1,20}",
        proptest::option::of("[0-9]{1,12}"),
        proptest::option::of((
            prop_oneof![Just("e"), Just("E")],
            prop_oneof![Just(""), Just("+"), Just("-")],
            "[0-9]{1,3}",
        )),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let int = int.trim_start_matches('0');
            let int = if int.is_empty() { "0" } else { int };
            let mut s = format!("{}{int}", if neg { "-" } else { "" });
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&format!("{e}{sign}{digits}"));
            }
            s
        })
}

/// A JSON document as text, with numbers written out raw, and the list of those numbers.
fn document() -> impl Strategy<Value = (String, Vec<String>)> {
    let leaf = prop_oneof![
        number().prop_map(|n| (n.clone(), vec![n])),
        "[a-z0-9 .\\-\"\\\\]{0,12}".prop_map(|s| (serde_json::to_string(&s).unwrap(), vec![])),
        Just(("true".to_owned(), vec![])),
        Just(("null".to_owned(), vec![])),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(|items| {
                let text = items
                    .iter()
                    .map(|i| i.0.as_str())
                    .collect::<Vec<_>>()
                    .join(",");
                (
                    format!("[{text}]"),
                    items.into_iter().flat_map(|i| i.1).collect(),
                )
            }),
            proptest::collection::vec(("[a-z_]{1,8}", inner), 0..6).prop_map(|fields| {
                let text = fields
                    .iter()
                    .enumerate()
                    .map(|(i, (k, v))| format!("\"{k}{i}\":{}", v.0))
                    .collect::<Vec<_>>()
                    .join(",");
                (
                    format!("{{{text}}}"),
                    fields.into_iter().flat_map(|f| f.1 .1).collect(),
                )
            }),
        ]
    })
}

fn strings_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings_in(x, out)),
        Value::Object(m) => m.values().for_each(|x| strings_in(x, out)),
        _ => {}
    }
}

const FIXTURES: &[&str] = &[
    "check_voucher.json",
    "check_order_buy.json",
    "history.json",
    "check_token_onramp.json",
    "check_quote_a.json",
    "asset_balance.json",
    "send.json",
    "decode.json",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn any_text_is_rewritten_and_decoded_without_panicking(text in "\\PC{0,200}", status in 100u16..600) {
        let _ = quote_numbers(&text);
        let _ = decode_every_answer(status, &text);
    }

    #[test]
    fn every_number_keeps_its_digits((text, numbers) in document()) {
        let rewritten = quote_numbers(&text);
        let value: Value = serde_json::from_str(&rewritten)
            .map_err(|e| TestCaseError::fail(format!("{e}: {rewritten}")))?;
        let mut strings = Vec::new();
        strings_in(&value, &mut strings);
        for n in &numbers {
            prop_assert!(strings.contains(n), "{} lost from {}", n, rewritten);
        }
        let _ = decode_every_answer(200, &text);
    }

    #[test]
    fn mutated_docs_answers_never_panic(
        pick in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = common::fixture(FIXTURES[pick]).into_bytes();
        for (at, byte, op) in edits {
            let at = usize::from(at) % (bytes.len() + 1);
            match op {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => {}
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode_every_answer(200, &text);
        let _ = decode_every_answer(500, &text);
    }
}
