// Voucher liability as of a date: what is still redeemable at the end of that day (the user's
// time zone) across every batch the records hold — created by then, not expired or revoked by
// then, codes not redeemed by then — with each batch's part and when it was last checked.
// "Refresh open batches" checks every batch that can still change, in the background.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { busy, sortableTable } from '../../components.js';
import { errorBanner } from '../../error-banner.js';
import { btc, groupWestern, text } from '../../format.js';
import { dayText, isoDay, userOffsetMinutes } from '../../dates.js';
import { jobProgress } from '../../job-progress.js';
import { amountCell, tidCell, timeCell } from '../../record-cells.js';
import { reportPanel } from './report-panel.js';

const satsText = (n) => t('reports.sats', { count: n, n: groupWestern(String(n)) });
/** A plural message whose number is shown grouped ("1,200 codes"). */
const counted = (key, n) => t(key, { count: n, n: groupWestern(String(n)) });

/** "UTC+05:30". */
function offsetName(minutes) {
  const m = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`; // i18n-ignore
}

/** When the batch was last checked, and what that leaves unknown when it was before the cutoff. */
function lastChecked(b, dayOver) {
  return h('span', { class: 'stack' }, timeCell(b.lastCheckedAt, { ago: true }),
    b.checkedAfterCutoff ? null : h('span', { class: 'notice-inline', dataset: { field: 'unchecked' },
      text: t(dayOver ? 'reports.liability.unchecked_day_over' : 'reports.liability.unchecked_today') }));
}

function totals(r) {
  const n = r.batches.length;
  return h('div', { class: 'totals', id: 'liability-totals', dataset: { testid: 'liability-totals', sats: String(r.totalSats), btc: r.totalBtc } },
    h('p', { class: 'totals-head', text: t('reports.liability.totals_head', { day: dayText(r.asOf), offset: offsetName(r.utcOffsetMinutes) }) }),
    h('div', { class: 'totals-figures' },
      h('span', { class: 'big-amount', id: 'liability-total-btc', dataset: { testid: 'liability-total-btc' }, text: btc(r.totalBtc) }),
      h('span', { class: 'total-sats', id: 'liability-total-sats', dataset: { testid: 'liability-total-sats' }, text: satsText(r.totalSats) }),
      h('span', { class: 'hint-inline', text: t('reports.liability.open_in', { codes: counted('reports.liability.codes', r.openCodes), batches: counted('reports.liability.batches', n) }) })));
}

function unchecked(r) {
  if (!r.uncheckedBatches?.length) return null;
  return h('p', { class: 'notice', id: 'liability-unchecked', dataset: { testid: 'liability-unchecked' } },
    tn('reports.liability.unchecked', { count: r.uncheckedBatches.length, n: groupWestern(String(r.uncheckedBatches.length)), list: h('span', { class: 'mono', text: r.uncheckedBatches.join(', ') }) }));
}

function batchTable(r, state) {
  const dayOver = r.cutoff * 1000 < Date.now();
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'liability-table',
    rows: r.batches,
    empty: t('reports.liability.empty'),
    rowAttrs: (b) => ({ dataset: { tid: b.tid, testid: 'liability-row' } }),
    columns: [
      { key: 'tid', label: t('reports.liability.columns.batch'), render: (b) => h('span', { class: 'stack' }, tidCell('voucher', b.tid, b.account, state),
        h('span', { dataset: { field: 'title' }, text: text(b.title) })) },
      { key: 'createdAt', label: t('reports.liability.columns.created'), type: 'number', render: (b) => timeCell(b.createdAt) },
      { key: 'expiresAt', label: t('reports.liability.columns.expires'), type: 'number', render: (b) => timeCell(b.expiresAt) },
      { key: 'openCodesAsOf', label: t('reports.liability.columns.open_codes'), type: 'number',
        render: (b) => h('span', { dataset: { field: 'codes' }, text: t('reports.liability.open_of', { open: groupWestern(String(b.openCodesAsOf)), count: groupWestern(String(b.codeCount)) }) }) },
      { key: 'satsPerCode', label: t('reports.liability.columns.per_code'), type: 'number', render: (b) => amountCell({ asset: 'BTC', amount: b.amountPerCode, sats: b.satsPerCode }) }, // i18n-ignore
      { key: 'outstandingSats', label: t('reports.liability.columns.outstanding'), type: 'number', render: (b) => amountCell({ asset: 'BTC', amount: b.outstandingBtc, sats: b.outstandingSats }) }, // i18n-ignore
      { key: 'lastCheckedAt', label: t('reports.liability.columns.last_checked'), type: 'number', render: (b) => lastChecked(b, dayOver) },
    ],
  }));
}

/** The liability panel: {el, load(), markStale(), loadIfStale()}; ctx: {scope(), state()}. */
export function liabilityPanel(ctx) {
  const asOf = h('input', { type: 'date', id: 'liability-as-of', value: isoDay(), required: true, dataset: { testid: 'liability-as-of' } });
  const refresh = h('button', { type: 'button', id: 'liability-refresh', dataset: { testid: 'liability-refresh' } }, t('reports.liability.refresh'));
  const job = jobProgress({ id: 'liability-refresh-job', emptyText: t('reports.liability.nothing_to_check') });
  const panel = reportPanel({
    id: 'liability',
    title: t('reports.liability.title'),
    hint: t('reports.liability.hint'),
    controls: [h('label', { for: asOf.id, text: t('reports.liability.as_of') }), asOf, refresh],
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
