// When a request that creates or moves value gets no usable answer (`outcome_unknown`), Ninjapay
// may have carried it out. One guard per form, shared by every such form: it says so in words
// beside the form (never as a plain failure), offers the check that can settle it, keeps the
// form as filled, and makes the next submit ask again, deliberately, before anything is sent.
//
//   const guard = writeGuard('ln-send');          // place guard.el near the form
//   if (!(await guard.mayRetry())) return;        // before the usual confirmation
//   const r = await guard.run(() => api.send(req), {
//     again: 'You may already have sent 0.0001 BTC to @satoshi.', retry: 'Send again anyway',
//     check: { history: { kind: 'send', request: req, invoiceAmount } },
//   });                                           // → {value} | {unknown}; other errors throw
//
// `check` is one of: {history: {kind: 'send'|'receive', request, invoiceAmount?}} (look for it
// with find_attempt), {balance: 'words'} (the API cannot list it: compare the balances on Home),
// {recheck: {label, run}} (read the record again, e.g. a batch after a revoke).
import { api } from './ipc.js';
import { h } from './dom.js';
import { badge, busy } from './components.js';
import { confirmDialog } from './confirm.js';
import { explain, isUnknownOutcome } from './errors.js';
import { btc, localTime, text } from './format.js';
import { navigate, openKind } from './actions.js';
import { announce } from './announce.js';
import { t } from './i18n.js';

/** What an unknown outcome means, in words (a function: the language is chosen at start-up). */
export const unknownWords = () => t('common.outcome.unknown');
/** How far back find_attempt looks (the Rust side's LOOK_BACK). */
const LOOK_BACK = 50;

/** A list of the history's payments that could be the attempt. */
function matches(found) {
  return h('div', { class: 'outcome-found' },
    h('p', { text: t('common.outcome.found', { count: found.length }) }),
    h('ul', { class: 'outcome-list' }, found.map((p) => h('li', {},
      badge(p.status ?? 'undefined'), ' ',
      h('strong', { text: `${p.figures?.direction === 'out' ? '−' : '+'}${btc(p.figures?.amount)}` }), ' ',
      h('span', { class: 'hint-inline', text: localTime(p.created_at) }), ' ',
      h('code', { text: text(p.tid) }), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => openKind('payment', p.tid) }, t('common.open'))))));
}

/** "Look for it in the history": find_attempt, then the matches or why none proves anything. */
function historyCheck(id, { kind, request, invoiceAmount = null }, since) {
  const out = h('div', { class: 'outcome-matches', dataset: { testid: `${id}-matches` } });
  const btn = h('button', { type: 'button', dataset: { testid: `${id}-find` } }, t('common.outcome.find'));
  btn.addEventListener('click', () => busy(btn, async () => {
    out.replaceChildren(h('p', { class: 'hint', text: t('common.outcome.looking') }));
    try {
      const found = await api.findAttempt({ kind, request, since, invoiceAmount });
      out.replaceChildren(found.length ? matches(found) : h('p', { text: t('common.outcome.none', { count: LOOK_BACK }) }));
      announce(out.querySelector('p')?.textContent ?? '');
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error', text: explain(e) }));
      announce(explain(e));
    }
  }));
  return [h('div', { class: 'row' }, btn), out];
}

/** The guard of one form; `id` names its notice (`${id}-outcome`). */
export function writeGuard(id) {
  // Read out by taking the focus when it appears (run()), like a banner shown with focus.
  const el = h('div', { class: 'outcome-unknown', id: `${id}-outcome`, tabindex: '-1', hidden: true,
    dataset: { testid: `${id}-outcome` } });
  let unknown = null; // {err, since, again, retry, check, account}
  // An unknown outcome belongs to the mode (and server) it happened in: it is shown, and asked
  // about before a resend, only while the app acts for that account again.
  let account = null;
  document.addEventListener('desk:account-changed', (e) => {
    account = JSON.stringify(e.detail ?? null);
    draw();
  });
  const pending = () => (unknown && unknown.account === account ? unknown : null);

  function draw() {
    if (!pending()) {
      el.hidden = true;
      el.replaceChildren();
      return;
    }
    const { check = {} } = unknown;
    const parts = [
      h('p', { class: 'outcome-head' }, h('strong', { text: unknownWords() })),
      h('p', { class: 'hint', text: t('common.outcome.what_happened', { detail: unknown.err.detail ?? unknown.err.message }) }),
    ];
    if (check.history) parts.push(...historyCheck(id, check.history, unknown.since));
    if (check.balance) {
      parts.push(h('p', { text: check.balance }), h('div', { class: 'row' },
        h('button', { type: 'button', dataset: { testid: `${id}-go-home` }, onclick: () => navigate('home') }, t('common.outcome.compare_home'))));
    }
    if (check.recheck) {
      const b = h('button', { type: 'button', dataset: { testid: `${id}-recheck` } }, check.recheck.label);
      b.addEventListener('click', () => busy(b, check.recheck.run));
      parts.push(h('div', { class: 'row' }, b));
    }
    parts.push(h('p', { class: 'hint', text: t('common.outcome.keeps') }));
    el.replaceChildren(...parts);
    el.hidden = false;
  }

  return {
    el,
    /** True while the last attempt's outcome is unknown. */
    get unknown() {
      return pending() !== null;
    },
    /** Forget an unknown outcome (the form now shows another record). */
    reset() {
      unknown = null;
      draw();
    },
    /** Before sending: true, or (after an unknown outcome) only if the user insists. */
    async mayRetry() {
      if (!pending()) return true;
      return confirmDialog({
        title: t('common.outcome.again_title'),
        lines: [
          h('p', { class: 'big-amount', dataset: { testid: 'confirm-again' }, text: `${unknown.again} ${unknown.retry}?` }),
          t('common.outcome.again_said', { unknown: unknownWords() }),
          t('common.outcome.again_only'),
        ],
        confirmLabel: unknown.retry,
        danger: true,
      });
    },
    /** Send once: {value}, or {unknown} (shown beside the form). Any other error is thrown. */
    async run(send, { again, retry, check }) {
      const since = Math.floor(Date.now() / 1000);
      try {
        const value = await send();
        unknown = null;
        draw();
        return { value };
      } catch (err) {
        if (!isUnknownOutcome(err)) throw err;
        unknown = { err, since, again, retry, check, account };
        draw();
        el.focus({ preventScroll: false });
        return { unknown: err };
      }
    },
  };
}
