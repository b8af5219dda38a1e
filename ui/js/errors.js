// Mirrors the error codes of src-tauri/src/error.rs (the client's and the shell's): every
// `code` an `invoke` can reject with. A Rust test checks that CODES lists exactly those.
import { has, t } from './i18n.js';

export const CODES = Object.freeze([
  'unauthorized', 'admin_key_required', 'forbidden', 'not_found', 'validation', 'rate_limited',
  'server', 'network', 'timeout', 'redirect', 'outcome_unknown', 'decode',
  'keychain_unavailable', 'key_missing', 'settings', 'sandbox', 'export', 'watcher_stopped',
  'other_account', 'link', 'ledger',
]);

/** Errors the user fixes in Settings (a key, the keychain): offer a way there. */
export const KEY_PROBLEMS = new Set(['unauthorized', 'admin_key_required', 'key_missing', 'keychain_unavailable', 'forbidden']);

/** The request was sent and no usable answer came back: it may have been carried out. */
export const isUnknownOutcome = (err) => err?.code === 'outcome_unknown';

/** The codes explain() puts into a sentence (errors.<code> in the catalogue); `timeout` reads as `network`. */
const SENTENCE = {
  unauthorized: 'errors.unauthorized', admin_key_required: 'errors.admin_key_required', key_missing: 'errors.key_missing',
  forbidden: 'errors.forbidden', not_found: 'errors.not_found', rate_limited: 'errors.rate_limited',
  network: 'errors.network', timeout: 'errors.network', server: 'errors.server', redirect: 'errors.redirect',
};

/**
 * The words for a problem {field, message, rule?, args?}: a rule the client caught is said in
 * the page's language (rules.<rule> in the catalogue); otherwise Rust's or the server's message.
 */
export function problemText(p) {
  if (p?.rule && has(`rules.${p.rule}`)) return t(`rules.${p.rule}`, { field: p.field ?? '', ...(p.args ?? {}) });
  return p?.message ?? String(p);
}

/** A user-facing sentence for an error {code, message}, keeping the server's own words. */
export function explain(err) {
  const message = problemText(err);
  const key = Object.hasOwn(SENTENCE, err?.code ?? '') ? SENTENCE[err.code] : null;
  return key ? t(key, { message }) : message;
}
