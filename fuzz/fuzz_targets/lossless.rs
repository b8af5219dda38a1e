//! The number rewriter on arbitrary bytes: never panics, and on valid JSON the result is valid
//! JSON with every number turned into a string of the same digits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rewritten = ninjapay::fuzzing::quote_numbers(text);
    if serde_json_valid(text) {
        assert!(
            serde_json_valid(&rewritten),
            "valid JSON became invalid: {text:?} -> {rewritten:?}"
        );
    }
});

fn serde_json_valid(text: &str) -> bool {
    ninjapay::fuzzing::is_json(text)
}
