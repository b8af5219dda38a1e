//! Every response decoder on arbitrary bytes, as a 200 and as an error status: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = ninjapay::fuzzing::decode_every_answer(200, &text);
    let _ = ninjapay::fuzzing::decode_every_answer(502, &text);
});
