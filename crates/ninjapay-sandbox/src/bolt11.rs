//! Fake BOLT11 invoices with a real amount prefix.
//!
//! The sandbox does not sign anything, but the human-readable part (`lnbc193620n`) follows
//! BOLT11 so any decoder (and the sandbox's own `decode`) reads the right amount. The data part
//! is random bech32 characters.

use rand::Rng;
use rust_decimal::Decimal;

const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// `lnbc` + amount + multiplier + `1` + data. Amounts are BTC; any 8-dp amount fits in `n`
/// (nano-BTC) units, so use the shortest exact multiplier.
pub fn encode(amount: Decimal, rng: &mut impl Rng) -> String {
    let mut s = String::from("lnbc");
    s.push_str(&amount_prefix(amount));
    s.push('1');
    // Looks like a real one: `pp5` (payment hash tag) then data.
    s.push_str("pp5");
    for _ in 0..250 {
        s.push(BECH32[rng.gen_range(0..BECH32.len())] as char);
    }
    s
}

fn amount_prefix(amount: Decimal) -> String {
    for (mult, unit) in [(1_000u64, "m"), (1_000_000, "u"), (1_000_000_000, "n")] {
        let v = amount * Decimal::from(mult);
        if v.fract().is_zero() {
            return format!("{}{unit}", v.trunc());
        }
    }
    let pico = (amount * Decimal::from(1_000_000_000_000u64)).round();
    format!("{pico}p")
}

/// The amount in BTC of an `lnbc`/`lntb`/`lnbcrt` invoice, from its human-readable part.
/// `Err` with a reason if the string is not such an invoice or has no valid amount.
pub fn amount_of(invoice: &str) -> Result<Decimal, &'static str> {
    let inv = invoice.trim().to_ascii_lowercase();
    let inv = inv.strip_prefix("lightning:").unwrap_or(&inv);
    let rest = ["lnbcrt", "lnbc", "lntbs", "lntb"]
        .iter()
        .find_map(|p| inv.strip_prefix(p))
        .ok_or("is not a BOLT11 invoice (lnbc…/lntb…/lnbcrt…)")?;
    // The separator is the last '1' (bech32 data never contains '1').
    let sep = rest.rfind('1').ok_or("has no bech32 separator")?;
    let (hrp_amount, data) = (&rest[..sep], &rest[sep + 1..]);
    if data.is_empty() || !data.bytes().all(|b| BECH32.contains(&b)) {
        return Err("has an invalid data part");
    }
    if hrp_amount.is_empty() {
        return Err("has no amount");
    }
    let (digits, mult) = match hrp_amount.as_bytes()[hrp_amount.len() - 1] {
        b'm' | b'u' | b'n' | b'p' => (
            &hrp_amount[..hrp_amount.len() - 1],
            Some(hrp_amount.as_bytes()[hrp_amount.len() - 1]),
        ),
        _ => (hrp_amount, None),
    };
    if digits.is_empty()
        || digits.len() > 18
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || digits.starts_with('0')
    {
        return Err("has an invalid amount");
    }
    let n: u64 = digits.parse().map_err(|_| "has an invalid amount")?;
    let n = Decimal::from(n);
    let btc = match mult {
        None => n,
        Some(b'm') => n / Decimal::from(1_000u64),
        Some(b'u') => n / Decimal::from(1_000_000u64),
        Some(b'n') => n / Decimal::from(1_000_000_000u64),
        _ => {
            // Pico-BTC must be a whole number of millisatoshis (BOLT11).
            if n % Decimal::from(10u64) != Decimal::ZERO {
                return Err("has an invalid amount");
            }
            n / Decimal::from(1_000_000_000_000u64)
        }
    };
    Ok(btc.normalize())
}

/// Deterministic pseudo-hex derived from a string, for decode's hashes and signature.
pub fn fake_hex(seed: &str, salt: u64, len: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in seed.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::with_capacity(len);
    while out.len() < len {
        // splitmix64 step
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        out.push_str(&format!("{z:016x}"));
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::str::FromStr;

    #[test]
    fn docs_sample_amount() {
        let inv = "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv";
        assert_eq!(amount_of(inv).unwrap().to_string(), "0.00019362");
    }

    #[test]
    fn round_trip() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for a in ["0.00021350", "0.001", "1.5", "0.00000001", "2"] {
            let d = Decimal::from_str(a).unwrap();
            let inv = encode(d, &mut rng);
            assert_eq!(amount_of(&inv).unwrap(), d.normalize(), "{inv}");
        }
        assert!(amount_of("lnbc1pp5qqq").is_err());
        assert!(amount_of("hello").is_err());
        assert!(amount_of("lnbc25x1qqq").is_err());
        assert_eq!(amount_of("lntb25u1qqq").unwrap().to_string(), "0.000025");
        assert_eq!(
            amount_of("lnbcrt10p1qqq").unwrap().to_string(),
            "0.00000000001"
        );
        assert!(amount_of("lnbcrt15p1qqq").is_err());
    }
}
