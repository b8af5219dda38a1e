// Reading what a merchant pastes into the Lightning forms, as they type: a BOLT11 invoice
// (network and amount from its prefix), an LNURL, a `lightning:` URI or a @ninjatag. Shape
// only, for instant hints and for choosing the request's payment_mode; the client's `review`
// and `decode` have the last word. No DOM, no IPC: unit-tested under `node --test ui/tests/`.

const BECH32 = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
import { btcFromUnits } from './format.js';

// Longest first: lnbcrt before lnbc, lntbs before lntb.
const NETWORKS = [
  ['bcrt', 'regtest'],
  ['bc', 'mainnet'],
  ['tbs', 'signet'],
  ['tb', 'testnet'],
  ['sb', 'simnet'],
];
// A BOLT11 amount is whole units of 10^-k BTC: no letter = BTC, m(illi), u (micro), n(ano), p(ico).
const DECIMALS = { '': 0, m: 3, u: 6, n: 9, p: 12 };

/** Drop whitespace and a leading `lightning:` (any case, with or without `//`). */
export function stripLightningUri(text) {
  const s = String(text ?? '').trim().replace(/\s+/g, '');
  return s.replace(/^lightning:(\/\/)?/i, '');
}

/**
 * Read a BOLT11 invoice's human-readable part: `{network, amountBtc, invoice}` (amount null when
 * the invoice leaves it to the payer), or null if it is not shaped like a BOLT11.
 * Checks shape (prefix, separator, bech32 characters, one case), not the signature.
 */
export function parseBolt11(text) {
  const raw = stripLightningUri(text);
  if (raw !== raw.toLowerCase() && raw !== raw.toUpperCase()) return null;
  const s = raw.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (!s.startsWith('ln') || sep < 4) return null;
  const hrp = s.slice(2, sep);
  const data = s.slice(sep + 1);
  if (data.length < 6 || !BECH32.test(data)) return null;
  const net = NETWORKS.find(([p]) => hrp.startsWith(p));
  if (!net) return null;
  const rest = hrp.slice(net[0].length);
  if (rest === '') return { network: net[1], amountBtc: null, invoice: s };
  const m = /^(\d+)([munp]?)$/.exec(rest);
  if (!m || /^0\d/.test(m[1])) return null;
  if (m[2] === 'p' && !m[1].endsWith('0')) return null; // BOLT11: pico amounts must be whole msats
  return { network: net[1], amountBtc: btcFromUnits(m[1], DECIMALS[m[2]]), invoice: s };
}

/**
 * What a pasted destination is: {kind, value, ...}. kind ∈ 'invoice' (BOLT11, with network and
 * amountBtc), 'lnurl', 'ninjatag' (value without the @), 'address' (user@domain: not
 * supported by Ninjapay's send), 'empty', 'unknown'.
 */
export function classifyDestination(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return { kind: 'empty', value: '' };
  const s = stripLightningUri(trimmed);
  if (/^lnurl1/i.test(s)) {
    const lower = s.toLowerCase();
    const ok = (s === lower || s === s.toUpperCase()) && BECH32.test(lower.slice(6));
    return ok ? { kind: 'lnurl', value: lower } : { kind: 'unknown', value: s };
  }
  const inv = parseBolt11(s);
  if (inv) return { kind: 'invoice', value: inv.invoice, network: inv.network, amountBtc: inv.amountBtc };
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed)) return { kind: 'address', value: trimmed };
  const tag = trimmed.replace(/^@/, '');
  if (/^[A-Za-z0-9_.-]{2,64}$/.test(tag) && !/^ln(bc|tb|sb)/i.test(tag)) return { kind: 'ninjatag', value: tag };
  return { kind: 'unknown', value: s };
}
