// The pending payments panel (on Home): every watch in state.watches — active first, then the
// paused (made in the other mode: checked again when the user switches back), then the recently
// ended — with its status, countdown to the next check (ticking every second), attempt, error,
// and Check now / Stop / Watch again / Dismiss / Open. A notice says when checks are
// being delayed by the request budget, and why. A small form watches any tid by hand.
//
// update(state) is called on every event, so it is cheap and idempotent: one keyed row per
// watch, updated in place (text set only when it changed, buttons shown/hidden, never rebuilt),
// rows moved only when the order really changes (a moved node would lose focus).
import { api } from '../ipc.js';
import { h } from '../dom.js';
import { badge, busy, copyButton, fieldError, clearFieldErrors, labelled, namedButton, setContext } from '../components.js';
import { explain } from '../errors.js';
import { errorBanner, errorBox } from '../error-banner.js';
import { countdown, localTime, relative, text } from '../format.js';
import { KIND_LABEL, STATUS, isActive, kindLabel, money, pausedText } from '../watches.js';
import { openKind } from '../actions.js';

export { KIND_LABEL, kindLabel, money };

// How many ended watches are shown before "Show all".
const ENDED_SHOWN = 6;

/** What the countdown cell says at `now` (ms). Pure, so update() and the ticker agree. */
export function nextCheckText(w, now = Date.now()) {
  if (w.final) return w.status === 'stopped' ? 'Not watched any more' : 'Watching ended';
  if (w.paused) return pausedText(w);
  if (w.nextCheckAt === null || w.nextCheckAt === undefined) return 'Next check: waiting';
  // Seconds left, rounded up: "0:01" in the last second, then "checking…" (the answer is on its way).
  const left = Math.ceil((w.nextCheckAt - now) / 1000);
  return left > 0 ? `Next check in ${countdown(left)}` : 'Checking now…';
}

/** Active first (newest first, the paused after the running), then ended (most recently checked first). */
export function ordered(watches) {
  const all = [...(watches?.values?.() ?? [])];
  const active = all.filter((w) => !w.final)
    .sort((a, b) => Number(!!a.paused) - Number(!!b.paused) || b.startedAt - a.startedAt || b.id - a.id);
  const ended = all.filter((w) => w.final)
    .sort((a, b) => (b.lastCheckedAt ?? b.startedAt) - (a.lastCheckedAt ?? a.startedAt) || b.id - a.id);
  return { active, ended };
}

const setText = (el, value) => {
  const v = value ?? '';
  if (el.textContent !== v) el.textContent = v;
};
const show = (el, on) => {
  if (el.hidden === on) el.hidden = !on;
};

export function mount(container) {
  let lastState = null;
  let showAllEnded = false;
  const rows = new Map(); // id → row

  const count = h('span', { class: 'pending-count', dataset: { testid: 'pending-count' } });
  const notice = h('p', { class: 'pending-notice', role: 'status', dataset: { testid: 'pending-budget' }, hidden: true });
  const empty = h('p', { class: 'hint', dataset: { testid: 'pending-empty' },
    text: 'Nothing is being watched. Payment requests, quotes, tokens and vouchers you create are watched here until they turn final.' });
  // Not a live region: the countdowns would be read out every second. A watch turning final is
  // said once through the app's live region (main.js → announce.js).
  const list = h('ul', { class: 'pending-list', dataset: { testid: 'pending-list' } });
  const more = h('button', { type: 'button', class: 'link pending-more', dataset: { testid: 'pending-more' }, hidden: true });
  more.addEventListener('click', () => {
    showAllEnded = !showAllEnded;
    if (lastState) update(lastState);
  });

  // Watch a tid by hand.
  const kindSel = h('select', { id: 'pending-kind', name: 'kind', dataset: { testid: 'pending-kind' } },
    ...Object.entries(KIND_LABEL).map(([k, label]) => h('option', { value: k }, label)));
  const tidIn = h('input', { id: 'pending-tid', name: 'tid', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. 210N66027HB789', dataset: { testid: 'pending-tid' } });
  const watchBtn = h('button', { type: 'submit', dataset: { testid: 'pending-watch' } }, 'Watch');
  const formError = errorBox({ testid: 'pending-form-error' });
  const form = h('form', { class: 'pending-form', dataset: { testid: 'pending-form' }, novalidate: true },
    labelled('Kind', kindSel), labelled('Tid', tidIn), h('div', { class: 'pending-form-go' }, watchBtn));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    errorBanner(formError, null);
    const tid = tidIn.value.trim();
    if (!tid) {
      fieldError(tidIn, 'Enter the tid (or token / quote id) to watch.');
      tidIn.focus();
      return;
    }
    busy(watchBtn, async () => {
      try {
        const w = await api.watchStart(kindSel.value, tid);
        tidIn.value = '';
        if (lastState) {
          lastState.watches?.set?.(w.id, w);
          update(lastState);
        }
      } catch (err) {
        if (err?.field === 'tid' || err?.code === 'validation') fieldError(tidIn, explain(err));
        else errorBanner(formError, err);
      }
    });
  });
  const byHand = h('details', { class: 'pending-by-hand', dataset: { testid: 'pending-by-hand' } },
    h('summary', { text: 'Watch a tid by hand' }), form, formError);

  container.append(
    h('div', { class: 'pending-head' }, h('h2', { text: 'Pending payments' }), count),
    notice, empty, list, more, byHand);

  function act(row, fn) {
    return (e) => busy(e.currentTarget, async () => {
      errorBanner(row.actError, null);
      try {
        await fn();
      } catch (err) {
        errorBanner(row.actError, err);
      }
    });
  }

  function makeRow(w) {
    const id = w.id;
    const row = { id, w: null, sig: null };
    row.kind = h('strong', { class: 'watch-kind' });
    row.tid = h('code', { class: 'watch-tid', dataset: { testid: 'watch-tid' } });
    row.copy = copyButton(w.tid, 'Copy', { context: `tid ${w.tid}`, dataset: { testid: 'watch-copy' } });
    row.amount = h('span', { class: 'watch-amount', dataset: { testid: 'watch-amount' } });
    row.label = h('span', { class: 'watch-label', dataset: { testid: 'watch-label' } });
    row.badgeBox = h('span', { class: 'watch-badge', dataset: { testid: 'watch-status' } });
    row.started = h('span', { class: 'watch-started' });
    row.next = h('span', { class: 'watch-next', dataset: { testid: 'watch-next' } });
    row.attempt = h('span', { class: 'watch-attempt', dataset: { testid: 'watch-attempt' } });
    row.delayed = h('p', { class: 'watch-delayed hint', hidden: true });
    // Not a live region: a check that failed in the background is shown, not read out (the
    // watch's final outcome is, once).
    row.error = h('p', { class: 'watch-error', hidden: true, dataset: { testid: 'watch-error' } });
    row.actError = errorBox();
    // Each shows its verb; screen readers also hear which watch it is about (setContext in fill()).
    const btn = (label, testid, cls = '') => namedButton(label, '', { class: cls || null, dataset: { testid } });
    row.checkNow = btn('Check now', 'watch-check-now');
    row.stop = btn('Stop', 'watch-stop');
    row.again = btn('Watch again', 'watch-again');
    row.dismiss = btn('Dismiss', 'watch-dismiss');
    row.open = btn('Open', 'watch-open', 'link');
    row.checkNow.addEventListener('click', act(row, () => api.watchCheckNow(id)));
    row.stop.addEventListener('click', act(row, async () => merge(await api.watchStop(id))));
    row.again.addEventListener('click', act(row, async () => merge(await api.watchAgain(id))));
    row.dismiss.addEventListener('click', act(row, async () => {
      await api.watchForget(id);
      // No event says a watch was forgotten: drop it here (watch_list no longer has it).
      lastState?.watches?.delete?.(id);
      const at = [...list.children].indexOf(row.li);
      forget(id);
      // Keep the keyboard somewhere sensible: the next row's first button, else the heading.
      const next = list.children[Math.min(at, list.children.length - 1)];
      (next?.querySelector('button') ?? container.querySelector('h2'))?.focus?.();
      if (lastState) update(lastState);
    }));
    row.open.addEventListener('click', () => openKind(row.w.kind, row.w.tid));
    row.li = h('li', { class: 'watch-row', dataset: { watchId: String(id), tid: w.tid, kind: w.kind, testid: 'watch-row' } },
      h('div', { class: 'watch-main' }, row.kind, ' ', row.tid, row.copy),
      h('div', { class: 'watch-what' }, row.amount, row.label),
      h('div', { class: 'watch-meta' }, row.badgeBox, row.next, row.attempt, row.started),
      row.delayed, row.error,
      h('div', { class: 'watch-actions' }, row.checkNow, row.stop, row.again, row.dismiss, row.open),
      row.actError);
    rows.set(id, row);
    return row;
  }

  /** A command's answer is as fresh as an event: show it at once. */
  function merge(w) {
    if (w && lastState?.watches?.set) {
      lastState.watches.set(w.id, w);
      update(lastState);
    }
  }

  function forget(id) {
    const row = rows.get(id);
    if (!row) return;
    row.li.remove();
    rows.delete(id);
  }

  function fill(row, w, now) {
    row.w = w;
    setText(row.next, nextCheckText(w, now));
    const started = `Started ${relative(w.startedAt, now) || 'just now'}`;
    setText(row.started, started);
    if (row.started.title !== localTime(w.startedAt, now)) row.started.title = localTime(w.startedAt, now);
    // Everything else only changes with a new update.
    const sig = JSON.stringify([w.status, w.final, w.paused, w.attempt, w.error, w.delayed, w.amount, w.fiat, w.label, w.actions, w.tid]);
    if (sig === row.sig) return;
    row.sig = sig;
    row.li.dataset.status = w.status;
    row.li.dataset.final = String(!!w.final);
    row.li.dataset.paused = String(!!w.paused);
    row.li.classList.toggle('is-final', !!w.final);
    row.li.classList.toggle('is-paused', !!w.paused);
    setText(row.kind, kindLabel(w.kind));
    setText(row.tid, w.tid);
    const amt = money(w.amount);
    const fiat = money(w.fiat);
    setText(row.amount, amt && fiat ? `${amt} · ${fiat}` : amt ?? fiat ?? '');
    setText(row.label, w.label ? `“${w.label}”` : '');
    const [tone, label] = STATUS[w.status] ?? [w.status, text(w.status)];
    if (row.badgeBox.dataset.value !== w.status) {
      row.badgeBox.dataset.value = w.status;
      row.badgeBox.replaceChildren(badge(tone, label));
    }
    setText(row.attempt, w.attempt ? `Check #${w.attempt}` : 'Not checked yet');
    if (w.lastCheckedAt) row.attempt.title = `Last checked ${localTime(w.lastCheckedAt, now)}`;
    setText(row.delayed, w.delayed ?? '');
    show(row.delayed, !!w.delayed);
    const err = w.error ? `${w.error.transient ? 'Last check failed' : 'Stopped'}: ${w.error.message}` : '';
    setText(row.error, err);
    show(row.error, !!w.error);
    row.error.classList.toggle('is-transient', !!w.error?.transient);
    // A final answer (paid, declined, …) needs neither another check nor another watch; a
    // watch that ended without one (still pending, stopped, error) offers both.
    const actions = new Set(w.actions ?? []);
    const open = !w.final || ['stillPending', 'stopped', 'error'].includes(w.status);
    // A paused watch belongs to the other mode's server: it is not checked from this one.
    show(row.checkNow, !w.paused && (!w.final || (open && actions.has('checkNow'))));
    show(row.stop, !w.final);
    show(row.again, !!w.final && open && actions.has('watchAgain'));
    show(row.dismiss, !!w.final);
    const which = `${kindLabel(w.kind)} ${w.tid}`;
    setContext(row.checkNow, which);
    setContext(row.stop, `watching ${which}`);
    setContext(row.again, which);
    setContext(row.dismiss, which);
    setContext(row.open, which);
  }

  function renderBudget(b, activeCount) {
    const delayed = !!b?.delayed;
    const msg = delayed
      ? (b.reason ?? `Checks are being delayed to stay inside Ninjapay's request limits (${b.waiting ?? 0} waiting).`)
      : '';
    setText(notice, msg ? `⏳ ${msg} Your own actions are not held back.` : '');
    show(notice, delayed && activeCount > 0);
  }

  function update(state) {
    lastState = state;
    const now = Date.now();
    const { active, ended } = ordered(state.watches);
    const endedShown = showAllEnded ? ended : ended.slice(0, ENDED_SHOWN);
    const want = [...active, ...endedShown];
    const keep = new Set(want.map((w) => w.id));
    for (const id of [...rows.keys()]) if (!keep.has(id)) forget(id);
    for (const w of want) fill(rows.get(w.id) ?? makeRow(w), w, now);
    // Reorder only when the order differs (moving a focused button would drop focus).
    const current = [...list.children];
    const desired = want.map((w) => rows.get(w.id).li);
    if (current.length !== desired.length || current.some((li, i) => li !== desired[i])) {
      desired.forEach((li, i) => {
        if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
      });
    }
    const running = active.filter(isActive).length;
    const paused = active.length - running;
    setText(count, [running ? `${running} watching` : '', paused ? `${paused} paused` : ''].filter(Boolean).join(' · '));
    show(empty, want.length === 0);
    const hiddenEnded = ended.length - endedShown.length;
    setText(more, showAllEnded ? 'Show fewer ended' : `Show ${hiddenEnded} more ended`);
    show(more, showAllEnded ? ended.length > ENDED_SHOWN : hiddenEnded > 0);
    renderBudget(state.budget, running);
  }

  // The countdowns and "started … ago" age every second, between updates. Only text that
  // changed is touched, and the same functions as update() are used, so nothing flickers.
  const timer = setInterval(() => {
    if (!container.isConnected) return;
    const now = Date.now();
    for (const row of rows.values()) {
      if (!row.w) continue;
      setText(row.next, nextCheckText(row.w, now));
      setText(row.started, `Started ${relative(row.w.startedAt, now) || 'just now'}`);
    }
  }, 1000);

  return { update, destroy: () => clearInterval(timer) };
}
