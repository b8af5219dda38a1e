// The one door to Rust: every command goes through invoke() here.
// Errors always come out as {code, message} (see src-tauri/src/error.rs).

import { t } from './i18n.js';

const tauri = window.__TAURI__;

/**
 * Normalise whatever a rejected invoke gives us into {code, message}, keeping the hints that come
 * with some codes (`field`, `cause`, `location`, `retry_after_secs`, `path`).
 */
export function toError(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    return { ...e, code: e.code, message: String(e.message ?? e.code) };
  }
  return { code: 'ipc', message: typeof e === 'string' ? e : String(e?.message ?? e) };
}

/** Call one of our commands. Resolves with its result or rejects with {code, message}. */
export async function invoke(cmd, args = {}) {
  if (!tauri?.core?.invoke) {
    throw { code: 'ipc', message: t('common.no_ipc') };
  }
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (e) {
    throw toError(e);
  }
}

/** Copy text to the clipboard (clipboard-manager plugin). */
export async function copyText(text) {
  if (tauri?.clipboardManager?.writeText) {
    return tauri.clipboardManager.writeText(text);
  }
  return navigator.clipboard.writeText(text);
}

// One wrapper per command. Request bodies use the API's own field names (see
// crates/ninjapay/src/requests.rs); amounts are sent as decimal strings, never floats.
export const api = {
  // app, settings, keys
  // status, settings, keys (or keysError) at once, and every watch when asked
  deskState: ({ watches = false } = {}) => invoke('desk_state', { watches }),
  getSettings: () => invoke('get_settings'),
  updateSettings: (patch) => invoke('update_settings', { patch }),
  setMode: (mode) => invoke('set_mode', { mode }),
  saveKey: (kind, key) => invoke('save_key', { kind, key }),
  forgetKey: (kind) => invoke('forget_key', { kind }),
  testConnection: () => invoke('test_connection'),
  // wallet / Lightning
  walletInfo: () => invoke('wallet_info'),
  receive: (request) => invoke('receive', { request }),
  checkPayment: (tid) => invoke('check_payment', { tid }),
  send: (request) => invoke('send', { request }),
  history: (limit) => invoke('history', { limit }),
  decode: (invoice) => invoke('decode', { invoice }),
  // After an unknown outcome: history entries that could be this send / payment request
  // (`since`: unix seconds when it was sent; `invoiceAmount`: the decoded BOLT11 amount).
  findAttempt: ({ kind, request, since, invoiceAmount = null }) => invoke('find_attempt', { kind, request, since, invoiceAmount }),
  // Every problem with a form, checked by the client's own rules (nothing is sent): {problems, total}.
  review: (endpoint, request) => invoke('review', { endpoint, request }),
  // vouchers
  requestVoucher: (request) => invoke('request_voucher', { request }),
  checkVoucher: (tid) => invoke('check_voucher', { tid }),
  revokeVoucher: (tid) => invoke('revoke_voucher', { tid }),
  redeemVoucher: (request) => invoke('redeem_voucher', { request }),
  // spot trade
  assetBalance: () => invoke('asset_balance'),
  checkOrder: (tid) => invoke('check_order', { tid }),
  revokeOrder: (tid) => invoke('revoke_order', { tid }),
  // widget
  requestToken: (request) => invoke('request_token', { request }),
  checkToken: (tid) => invoke('check_token', { tid }),
  // bridge
  requestQuoteId: (request) => invoke('request_quote_id', { request }),
  requestQuote: (request) => invoke('request_quote', { request }),
  checkQuote: (tid) => invoke('check_quote', { tid }),
  // watcher
  watchStart: (kind, tid) => invoke('watch_start', { kind, tid }),
  watchCheckNow: (id) => invoke('watch_check_now', { id }),
  watchStop: (id) => invoke('watch_stop', { id }),
  watchAgain: (id) => invoke('watch_again', { id }),
  watchForget: (id) => invoke('watch_forget', { id }),
  // records and reports (the ledger: what this computer has seen). Dates are the user's days
  // (YYYY-MM-DD) at utcOffsetMinutes; scope 'account' (default), 'mode' or 'both'.
  records: (query) => invoke('records', { query }),
  report: (params) => invoke('report', { params }),
  // Written by Rust after the save dialog: the path, or null if cancelled. format: 'csv' | 'xlsx'.
  exportReport: (params, format) => invoke('export_report', { params, format }),
  importRecent: (json) => invoke('import_recent', { json }),
  // Lookups in the background: a job id; progress comes as ledger://progress.
  addBatches: (tids) => invoke('add_batches', { tids }),
  refreshOpenBatches: () => invoke('refresh_open_batches'),
  cancelJob: (job) => invoke('cancel_job', { job }),
  // interface helpers
  qrSvg: (text) => invoke('qr_svg', { text }),
  // The batch last looked up, written by Rust after the save dialog: the path, or null if cancelled.
  exportVoucherCsv: (tid, utcOffsetMinutes) => invoke('export_voucher_csv', { tid, utcOffsetMinutes }),
  // Ninjapay's own https pages and Lightning invoices only (the page has no opener of its own).
  openExternal: (url) => invoke('open_external', { url }),
};
