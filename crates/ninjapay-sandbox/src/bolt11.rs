//! BOLT11 invoices and LNURLs the sandbox makes: a real amount prefix and a valid bech32
//! checksum, so any decoder (and the sandbox's own `decode`) reads the right amount and a
//! client that verifies the checksum accepts them.
//!
//! The sandbox signs nothing: the data part has the BOLT11 layout (timestamp, `p` payment hash,
//! `s` payment secret, 65-byte signature) filled with random words, then the BIP-173 checksum
//! over the hrp and that data. BOLT11 strings are longer than bech32's 90 characters; that is
//! expected. Invoices the sandbox is *given* (send, redeem to an invoice, decode) are read for
//! their amount only; their checksum is not enforced (the docs' own sample has a bad one).

use rand::Rng;
use rust_decimal::Decimal;

const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The bech32 checksum generator (BIP-173).
const GEN: [u32; 5] = [
    0x3b6a_57b2,
    0x2650_8e6d,
    0x1ea1_19fa,
    0x3d42_33dd,
    0x2a14_62b3,
];

fn polymod(values: impl IntoIterator<Item = u8>) -> u32 {
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// The hrp as the checksum sees it: high bits, a zero, low bits.
fn hrp_expand(hrp: &str) -> impl Iterator<Item = u8> + '_ {
    hrp.bytes()
        .map(|b| b >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.bytes().map(|b| b & 31))
}

/// The six checksum words for `hrp` and the 5-bit `data` words.
fn checksum(hrp: &str, data: &[u8]) -> [u8; 6] {
    let pm = polymod(hrp_expand(hrp).chain(data.iter().copied()).chain([0; 6])) ^ 1;
    std::array::from_fn(|i| ((pm >> (5 * (5 - i))) & 31) as u8)
}

/// `hrp` + `1` + data + checksum, lowercase.
fn bech32(hrp: &str, data: &[u8]) -> String {
    let mut s = String::with_capacity(hrp.len() + 1 + data.len() + 6);
    s.push_str(hrp);
    s.push('1');
    for w in data.iter().chain(checksum(hrp, data).iter()) {
        s.push(BECH32[*w as usize] as char);
    }
    s
}

/// Whether `s` (any case, no `lightning:` prefix) is bech32 with a valid checksum.
pub fn has_valid_checksum(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    let Some(sep) = s.rfind('1') else {
        return false;
    };
    let (hrp, data) = (&s[..sep], &s[sep + 1..]);
    let words: Option<Vec<u8>> = data
        .bytes()
        .map(|c| BECH32.iter().position(|&b| b == c).map(|p| p as u8))
        .collect();
    match words {
        Some(w) if !hrp.is_empty() && w.len() >= 6 => polymod(hrp_expand(hrp).chain(w)) == 1,
        _ => false,
    }
}

/// `count` random 5-bit words.
fn random_words(rng: &mut impl Rng, count: usize) -> impl Iterator<Item = u8> + '_ {
    (0..count).map(move |_| rng.gen_range(0..32u8))
}

/// A mainnet BOLT11 invoice for `amount` BTC made at `timestamp` (Unix seconds): `lnbc` +
/// amount + multiplier, then timestamp, payment hash, payment secret, signature, checksum.
/// Any 8-dp amount fits in `n` (nano-BTC) units, so the shortest exact multiplier is used.
pub fn encode(amount: Decimal, timestamp: i64, rng: &mut impl Rng) -> String {
    let hrp = format!("lnbc{}", amount_prefix(amount));
    let ts = timestamp.clamp(0, (1 << 35) - 1) as u64;
    let mut data: Vec<u8> = (0..7).rev().map(|i| ((ts >> (5 * i)) & 31) as u8).collect();
    // `p` (1) and `s` (16), each 52 words (256 bits): the data_length 52 is the words 1, 20.
    for tag in [1u8, 16] {
        data.extend([tag, 1, 20]);
        data.extend(random_words(rng, 52));
    }
    // 65-byte recoverable signature = 104 words.
    data.extend(random_words(rng, 104));
    bech32(&hrp, &data)
}

/// An LNURL (bech32, hrp `lnurl`) for `url`, as wallets show LNURL-withdraw links.
pub fn lnurl(url: &str) -> String {
    // 8-bit bytes regrouped into 5-bit words, the last one zero-padded.
    let mut words = Vec::with_capacity(url.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in url.bytes() {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            words.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        words.push(((acc << (5 - bits)) & 31) as u8);
    }
    bech32("lnurl", &words)
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
            let inv = encode(d, 1_700_000_000, &mut rng);
            assert_eq!(amount_of(&inv).unwrap(), d.normalize(), "{inv}");
            assert!(has_valid_checksum(&inv), "{inv}");
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

    #[test]
    fn checksums() {
        // BIP-173 test vectors, and one altered character.
        assert!(has_valid_checksum("A12UEL5L"));
        assert!(has_valid_checksum(
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
        ));
        assert!(!has_valid_checksum(
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"
        ));
        // The docs' sample invoice is not a valid bech32 string (it is still accepted).
        assert!(!has_valid_checksum(
            "lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv"
        ));
        let l = lnurl("https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df");
        assert_eq!(l, "lnurl1dp68gurn8ghj7um9wfmxjcm99e3k7mf0v9cxj0m385ekvcenxc6r2c35xvukxefcv5mkvv34x5ekzd3ev56nyd3hxqurzepexejxxepnxscrvwfnv9nxzcn9xq6xyefhvgcxxcmyxymnserxfq5fns");
        assert!(has_valid_checksum(&l));
    }

    #[test]
    fn invoice_layout() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(2);
        let inv = encode(Decimal::new(5, 4), 1_700_000_000, &mut rng);
        // hrp, separator, 7 timestamp words, then the `p` tag with data_length 52.
        assert!(inv.starts_with("lnbc500u1"), "{inv}");
        assert_eq!(&inv[16..19], "pp5", "{inv}");
        assert_eq!(inv.len(), "lnbc500u1".len() + 7 + 2 * 55 + 104 + 6);
    }
}
