// One batch of lookups running in the background (Add batches by tid, Refresh open batches):
// a progress bar, "2 of 3", Cancel, and each tid's result (added / updated / not found / error),
// which stay after it ends. Rust paces the lookups inside the shared request budget and reports
// each one as ledger://progress {job, kind, done, total, result, finished, cancelled}.
import { api } from './ipc.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { badge } from './components.js';
import { on, LEDGER_PROGRESS } from './events.js';

const OUTCOMES = ['added', 'updated', 'not_found', 'error'];
const outcomeWords = (k) => (OUTCOMES.includes(k) ? t(`records.job.outcome.${k}`) : k);
const TONE = { added: 'ok', updated: 'ok', not_found: 'not_found', error: 'error' };

// One listener for every job. The first event can arrive before the command has returned the
// job's id: events of jobs nobody claimed yet wait here (a few) until one does.
const handlers = new Map();
const unclaimed = new Map();
let listening = null;
function listen() {
  listening ??= on(LEDGER_PROGRESS, (p) => {
    const handle = handlers.get(p.job);
    if (handle) return handle(p);
    if (!unclaimed.has(p.job)) unclaimed.set(p.job, []);
    unclaimed.get(p.job).push(p);
    if (unclaimed.size > 8) unclaimed.delete(unclaimed.keys().next().value);
    return undefined;
  });
  return listening;
}

/** The tally in words: "2 added, 1 not found". */
function tally(results) {
  const counts = new Map();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([k, n]) => (OUTCOMES.includes(k) ? t(`records.job.tally.${k}`, { count: n }) : `${n} ${k}`)).join(', ');
}

/**
 * jobProgress({id, emptyText}) → {el, run(start: () => Promise<jobId>) → Promise<last progress>, running()}.
 * What is looked up is voucher batches. `start` invokes the command; its errors (a validation) are thrown.
 */
export function jobProgress({ id, emptyText = t('records.job.empty') }) {
  const bar = h('progress', { id: `${id}-bar`, max: '1', value: '0', 'aria-label': t('records.job.bar') });
  const words = h('span', { id: `${id}-status`, class: 'job-status', role: 'status', dataset: { testid: `${id}-status` } });
  const cancel = h('button', { type: 'button', id: `${id}-cancel`, class: 'danger', dataset: { testid: `${id}-cancel` }, hidden: true }, t('records.job.cancel'));
  const list = h('ol', { id: `${id}-results`, class: 'job-results', dataset: { testid: `${id}-results` } });
  const el = h('div', { class: 'job', id, hidden: true, dataset: { testid: id, state: 'idle' } },
    h('div', { class: 'row' }, bar, words, cancel), list);

  let job = null;
  let results = [];
  let finish = null;

  function show(p) {
    bar.max = String(Math.max(p.total, 1));
    bar.value = String(p.done);
    el.dataset.done = String(p.done);
    el.dataset.total = String(p.total);
    if (p.result) {
      results.push(p.result);
      const { tid, outcome, message } = p.result;
      list.append(h('li', { dataset: { tid, outcome } },
        h('code', { text: tid }), ' ', badge(TONE[outcome] ?? outcome, outcomeWords(outcome)),
        message ? h('span', { class: 'hint-inline', text: ` ${message}` }) : null));
    }
    if (!p.finished) {
      words.textContent = p.total ? t('records.job.looking_up', { done: p.done, count: p.total }) : t('records.job.starting');
      return;
    }
    // The tally says what differs from "checked"; a refresh where every lookup worked needs none.
    const counts = results.some((r) => r.outcome !== 'updated') ? ` (${tally(results)})` : '';
    words.textContent = !p.total ? emptyText
      : t(p.cancelled ? 'records.job.cancelled' : 'records.job.done', { done: p.done, count: p.total, tally: counts });
    el.dataset.state = p.cancelled ? 'cancelled' : 'finished';
    cancel.hidden = true;
    handlers.delete(job);
    job = null;
    finish?.(p);
  }

  cancel.addEventListener('click', () => {
    if (job === null) return;
    cancel.disabled = true;
    words.textContent = t('records.job.cancelling');
    api.cancelJob(job).catch(() => {});
  });

  return {
    el,
    running: () => job !== null,
    async run(start) {
      await listen();
      const id = await start();
      results = [];
      list.replaceChildren();
      el.hidden = false;
      el.dataset.state = 'running';
      cancel.hidden = false;
      cancel.disabled = false;
      job = id;
      const done = new Promise((resolve) => { finish = resolve; });
      handlers.set(id, show);
      show({ job: id, done: 0, total: 0, result: null, finished: false, cancelled: false });
      for (const p of unclaimed.get(id) ?? []) show(p);
      unclaimed.delete(id);
      return done;
    },
  };
}
