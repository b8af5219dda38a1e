// A payment's status on the Lightning panels: the badge and the watch note of a result card,
// following the payment's background watch (state.watches) without a click; the countdowns that
// tick every second.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { badge, busy } from '../../components.js';
import { explain } from '../../errors.js';
import { countdown, humanise, localTime, text, toDate } from '../../format.js';
import { dateTimeText } from '../../dates.js';
import { has, t } from '../../i18n.js';
import { findWatch, watchTone } from '../../watches.js';

// Watch states that say nothing about the payment itself: show the payment's own status then.
const WATCH_ONLY = new Set(['error', 'stopped']);

export function statusBadge(status) {
  if (status === 'stillPending') return badge('still_pending', t('lightning.status.still_pending'));
  if (status === 'undefined') return badge('undefined', t('lightning.status.not_set'));
  return badge(status, statusName(String(status ?? '').toLowerCase()) || null);
}

/**
 * The payment's status as best known: the watcher's if it checked after we fetched.
 * `view`: {payment, fetchedAt, statusEl, noteEl}.
 */
function liveStatus(view, state) {
  const w = findWatch(state, 'payment', view.payment.tid);
  const own = view.payment.status ?? 'undefined';
  if (!w || WATCH_ONLY.has(w.status)) return { status: own, watch: w };
  const ownOpen = own === 'pending' || own === 'undefined';
  // A settled outcome never goes back to pending: trust whichever side has one.
  if (w.status === 'pending' && !ownOpen) return { status: own, watch: w };
  if (ownOpen && w.final && ['paid', 'declined', 'expired'].includes(w.status)) return { status: w.status, watch: w };
  const watchNewer = (w.lastCheckedAt ?? 0) >= view.fetchedAt;
  return { status: watchNewer ? w.status : own, watch: w };
}

/** A watch status in words ("Paid", "Still pending"); one the catalogue lacks, humanised. */
function statusName(status) {
  const key = `lightning.status.names.${status}`;
  return has(key) ? t(key) : humanise(status);
}

/** "in 9:58" while it runs, "expired" after. */
const expiryText = (secs) => (secs > 0 ? t('lightning.status.in', { time: countdown(secs) }) : t('lightning.status.expired'));

export function nextCheckText(ms) {
  if (!ms) return t('lightning.status.checking');
  const secs = (Number(ms) - Date.now()) / 1000;
  return secs > 1 ? t('lightning.status.next_check', { time: countdown(secs) }) : t('lightning.status.checking_now');
}

function actionButton(label, fn, near) {
  const b = h('button', { type: 'button', class: 'link' }, label);
  b.addEventListener('click', () => busy(b, async () => {
    try {
      await fn();
    } catch (e) {
      near.append(h('span', { class: 'watch-error', text: ` ${explain(e)}` }));
    }
  }));
  return b;
}

/** Repaint a result card's badge and watch note from the latest state (idempotent). */
export function paintStatus(view, state) {
  if (!view?.statusEl) return;
  const { status, watch } = liveStatus(view, state);
  if (view.statusEl.dataset.status !== status) {
    view.statusEl.dataset.status = status;
    view.statusEl.replaceChildren(statusBadge(status));
  }
  if (!view.noteEl) return;
  const note = view.noteEl;
  if (!watch) {
    note.replaceChildren();
    note.hidden = true;
    return;
  }
  note.hidden = false;
  const key = JSON.stringify([watch.status, watch.final, watch.nextCheckAt, watch.attempt, watch.error, watch.delayed, watch.actions]);
  if (note.dataset.key === key) return;
  note.dataset.key = key;
  const parts = [];
  if (!watch.final) {
    parts.push(h('span', { text: `${t('lightning.status.watching')} ` }),
      h('span', { dataset: { nextCheck: String(watch.nextCheckAt ?? '') }, text: nextCheckText(watch.nextCheckAt) }),
      h('span', { text: ` · ${t('lightning.status.checks_so_far', { count: watch.attempt ?? 0 })}` }));
  } else if (watch.status === 'stopped') {
    parts.push(h('span', { text: t('lightning.status.you_stopped') }));
  } else {
    parts.push(h('span', { text: t('lightning.status.watch_ended', { status: statusName(watchTone(watch.status)) }) }),
      watch.lastCheckedAt ? h('span', { text: ` ${t('lightning.status.last_checked', { when: localTime(watch.lastCheckedAt) })}` }) : null);
  }
  if (watch.error) parts.push(h('span', { class: 'watch-error', text: ` · ${watch.error.message}` }));
  if (watch.delayed) parts.push(h('span', { text: ` · ${watch.delayed}` }));
  const actions = h('span', { class: 'watch-actions' });
  // A paid, declined or expired payment needs no more checking; offer it only while it can change.
  const canChange = !watch.final || ['stillPending', 'error', 'stopped'].includes(watch.status);
  if (canChange && watch.actions?.includes('checkNow')) actions.append(actionButton(t('lightning.status.check_now'), () => api.watchCheckNow(watch.id), note));
  if (canChange && watch.actions?.includes('watchAgain')) actions.append(actionButton(t('lightning.status.watch_again'), () => api.watchAgain(watch.id), note));
  fill(note, ...parts, actions);
}

/** An expiry: a live countdown plus the local time. */
export function expiryNode(ts, testid) {
  const d = toDate(ts);
  if (!d) return text(ts);
  return h('span', { class: 'expiry' },
    h('strong', { dataset: { expiresAt: String(d.getTime()), testid }, text: expiryText((d.getTime() - Date.now()) / 1000) }),
    h('span', { class: 'hint-inline', text: ` (${dateTimeText(d)})` }));
}

/** Once a second: expiry countdowns and "next check in" hints under `root`. */
export function tick(root) {
  const now = Date.now();
  for (const el of root.querySelectorAll('[data-expires-at]')) {
    const secs = (Number(el.dataset.expiresAt) - now) / 1000;
    const out = expiryText(secs);
    if (el.textContent !== out) el.textContent = out;
    el.dataset.expired = String(secs <= 0);
  }
  for (const el of root.querySelectorAll('[data-next-check]')) {
    if (el.dataset.nextCheck) el.textContent = nextCheckText(el.dataset.nextCheck);
  }
}
