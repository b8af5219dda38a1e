// Voucher liability as of a date: what is still redeemable at the end of that day (the user's
// time zone) across every batch the records hold — created by then, not expired or revoked by
// then, codes not redeemed by then — with each batch's part and when it was last checked.
// "Refresh open batches" checks every batch that can still change, in the background.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { busy, sortableTable } from '../../components.js';
import { errorBanner } from '../../error-banner.js';
import { btc, groupWestern, text } from '../../format.js';
import { dayText, isoDay, userOffsetMinutes } from '../../dates.js';
import { jobProgress } from '../../job-progress.js';
import { amountCell, tidCell, timeCell } from '../../record-cells.js';
import { reportPanel } from './report-panel.js';

const satsText = (n) => `${groupWestern(String(n))} sats`;
const plural = (n, one, many = `${one}s`) => `${groupWestern(String(n))} ${n === 1 ? one : many}`;

/** "UTC+05:30". */
function offsetName(minutes) {
  const m = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** When the batch was last checked, and what that leaves unknown when it was before the cutoff. */
function lastChecked(b, dayOver) {
  return h('span', { class: 'stack' }, timeCell(b.lastCheckedAt, { ago: true }),
    b.checkedAfterCutoff ? null : h('span', { class: 'notice-inline', dataset: { field: 'unchecked' },
      text: dayOver ? 'Last checked before that day ended: codes redeemed since are not known.'
        : 'Codes redeemed after this check are not known yet.' }));
}

function totals(r) {
  const n = r.batches.length;
  return h('div', { class: 'totals', id: 'liability-totals', dataset: { testid: 'liability-totals', sats: String(r.totalSats), btc: r.totalBtc } },
    h('p', { class: 'totals-head', text: `Still redeemable at the end of ${dayText(r.asOf)} (${offsetName(r.utcOffsetMinutes)})` }),
    h('div', { class: 'totals-figures' },
      h('span', { class: 'big-amount', id: 'liability-total-btc', dataset: { testid: 'liability-total-btc' }, text: btc(r.totalBtc) }),
      h('span', { class: 'total-sats', id: 'liability-total-sats', dataset: { testid: 'liability-total-sats' }, text: satsText(r.totalSats) }),
      h('span', { class: 'hint-inline', text: `${plural(r.openCodes, 'code')} open in ${plural(n, 'batch', 'batches')}` })));
}

function unchecked(r) {
  if (!r.uncheckedBatches?.length) return null;
  return h('p', { class: 'notice', id: 'liability-unchecked', dataset: { testid: 'liability-unchecked' } },
    `${plural(r.uncheckedBatches.length, 'batch', 'batches')} known only by tid (never checked here) ${r.uncheckedBatches.length === 1 ? 'is' : 'are'} not counted: `,
    h('span', { class: 'mono', text: r.uncheckedBatches.join(', ') }), '. “Refresh open batches” checks them.');
}

function batchTable(r, state) {
  const dayOver = r.cutoff * 1000 < Date.now();
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'liability-table',
    rows: r.batches,
    empty: 'Nothing was redeemable at the end of that day.',
    rowAttrs: (b) => ({ dataset: { tid: b.tid, testid: 'liability-row' } }),
    columns: [
      { key: 'tid', label: 'Batch', render: (b) => h('span', { class: 'stack' }, tidCell('voucher', b.tid, b.account, state),
        h('span', { dataset: { field: 'title' }, text: text(b.title) })) },
      { key: 'createdAt', label: 'Created', type: 'number', render: (b) => timeCell(b.createdAt) },
      { key: 'expiresAt', label: 'Expires', type: 'number', render: (b) => timeCell(b.expiresAt) },
      { key: 'openCodesAsOf', label: 'Open codes', type: 'number',
        render: (b) => h('span', { dataset: { field: 'codes' }, text: `${groupWestern(String(b.openCodesAsOf))} of ${groupWestern(String(b.codeCount))}` }) },
      { key: 'satsPerCode', label: 'Per code', type: 'number', render: (b) => amountCell({ asset: 'BTC', amount: b.amountPerCode, sats: b.satsPerCode }) },
      { key: 'outstandingSats', label: 'Outstanding', type: 'number', render: (b) => amountCell({ asset: 'BTC', amount: b.outstandingBtc, sats: b.outstandingSats }) },
      { key: 'lastCheckedAt', label: 'Last checked', type: 'number', render: (b) => lastChecked(b, dayOver) },
    ],
  }));
}

/** The liability panel: {el, load(), markStale(), loadIfStale()}; ctx: {scope(), state()}. */
export function liabilityPanel(ctx) {
  const asOf = h('input', { type: 'date', id: 'liability-as-of', value: isoDay(), required: true, dataset: { testid: 'liability-as-of' } });
  const refresh = h('button', { type: 'button', id: 'liability-refresh', dataset: { testid: 'liability-refresh' } }, 'Refresh open batches');
  const job = jobProgress({ id: 'liability-refresh-job', emptyText: 'Every batch is final: nothing to check.' });
  const panel = reportPanel({
    id: 'liability',
    title: 'Voucher liability',
    hint: 'The value still redeemable at the end of the chosen day, in your time zone, across every batch in the records: created by then, not expired or revoked by then, counting the codes not redeemed by then. It is as complete as the last check of each batch.',
    controls: [h('label', { for: asOf.id, text: 'As of the end of' }), asOf, refresh],
    params: () => ({ report: 'liability', scope: ctx.scope(), asOf: asOf.value || isoDay(), utcOffsetMinutes: userOffsetMinutes() }),
    render: (r) => [totals(r), unchecked(r), batchTable(r, ctx.state())],
  });
  panel.el.insertBefore(job.el, panel.el.querySelector('.report-body'));

  asOf.addEventListener('change', () => { if (asOf.value) panel.load(); });
  refresh.addEventListener('click', () => busy(refresh, async () => {
    errorBanner(panel.banner, null);
    try {
      await job.run(() => api.refreshOpenBatches());
    } catch (e) {
      errorBanner(panel.banner, e);
    }
    panel.load(); // the checks were filed as they came; read the figures once more at the end
  }));
  return panel;
}
