//! Random ids in the docs' formats, drawn from the world's seeded RNG.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::Rng;

/// A sapi/widget-style tid: a 12-digit number not in `used` (which then holds it).
pub fn new_int_id(rng: &mut StdRng, used: &mut HashSet<u64>) -> u64 {
    loop {
        let id = rng.gen_range(100_000_000_000u64..1_000_000_000_000);
        if used.insert(id) {
            return id;
        }
    }
}

/// `len` lowercase hex digits.
pub fn hex(rng: &mut StdRng, len: usize) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    (0..len)
        .map(|_| HEX[rng.gen_range(0..16)] as char)
        .collect()
}
