// Redemptions over time: voucher codes redeemed per day, week or month in a range of days, as a
// bar chart of their value (drawn from the numbers) and the same numbers in a table, with totals.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { sortableTable } from '../../components.js';
import { btc, groupWestern, satsToBtc } from '../../format.js';
import { dayText } from '../../dates.js';
import { barChart } from '../../bar-chart.js';
import { rangedPanel } from './range.js';

/** A plural message whose number is shown grouped ("1,200 sats"). */
const counted = (key, n) => t(key, { count: n, n: groupWestern(String(n)) });
const satsText = (n) => counted('reports.sats', n);
const BUCKETS = ['day', 'week', 'month'];
const bucketOf = (b) => (BUCKETS.includes(b) ? b : 'day');

/** What a bucket is called: "21 Nov", "Week of 17 Nov", "Nov 2026". */
function period(startDate, bucket, { short = false } = {}) {
  if (bucket === 'month') return dayText(startDate, { month: true });
  if (bucket === 'week') return short ? dayText(startDate, { short: true }) : t('reports.redemptions.week_of', { day: dayText(startDate) });
  return dayText(startDate, { short });
}

function chart(r) {
  const most = r.buckets.reduce((a, b) => (b.valueSats > (a?.valueSats ?? 0) ? b : a), null);
  const summary = t(`reports.redemptions.summary.${bucketOf(r.bucket)}`, {
    from: dayText(r.from), to: dayText(r.to), codes: counted('reports.redemptions.codes', r.totalCount), sats: satsText(r.totalSats),
  }) + (most ? t('reports.redemptions.summary_most', { period: period(most.startDate, r.bucket), sats: satsText(most.valueSats) })
    : t('reports.redemptions.summary_end'));
  return h('figure', { class: 'chart' },
    barChart({
      id: 'redemptions-chart',
      summary,
      bars: r.buckets.map((b) => ({
        label: period(b.startDate, r.bucket, { short: true }),
        value: b.valueSats,
        valueText: groupWestern(String(b.valueSats)),
        title: `${period(b.startDate, r.bucket)}: ${counted('reports.redemptions.codes', b.count)}, ${satsText(b.valueSats)}`,
      })),
    }),
    h('figcaption', { class: 'hint', text: t('reports.redemptions.caption') }));
}

function table(r) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'redemptions-table',
    rows: r.buckets,
    rowAttrs: (b) => ({ dataset: { start: b.startDate, count: String(b.count), sats: String(b.valueSats) } }),
    columns: [
      { key: 'startDate', label: t(`reports.redemptions.columns.${r.bucket === 'day' || r.bucket === 'week' ? r.bucket : 'month'}`), render: (b) => period(b.startDate, r.bucket) },
      { key: 'count', label: t('reports.redemptions.columns.count'), type: 'number', render: (b) => groupWestern(String(b.count)) },
      { key: 'valueSats', label: t('reports.redemptions.columns.btc'), type: 'number', render: (b) => btc(satsToBtc(b.valueSats)) },
      { key: 'sats', label: t('reports.redemptions.columns.sats'), type: 'number', value: (b) => b.valueSats, render: (b) => satsText(b.valueSats) },
    ],
  }));
}

function totals(r) {
  return h('p', { class: 'totals-line', id: 'redemptions-totals', dataset: { testid: 'redemptions-totals', count: String(r.totalCount), sats: String(r.totalSats) } },
    h('strong', { text: counted('reports.redemptions.total', r.totalCount) }), ` · ${btc(r.totalBtc)} (${satsText(r.totalSats)})`);
}

/** The redemptions panel; ctx: {scope()}. */
export function redemptionsPanel(ctx) {
  const bucket = h('select', { id: 'redemptions-bucket', dataset: { testid: 'redemptions-bucket' } },
    ...BUCKETS.map((b) => h('option', { value: b, text: t(`reports.redemptions.per.${b}`) })));
  const panel = rangedPanel({
    id: 'redemptions',
    report: 'redemptions',
    days: 14,
    title: t('reports.redemptions.title'),
    hint: t('reports.redemptions.hint'),
    controls: [h('label', { for: bucket.id, class: 'sr-only', text: t('reports.redemptions.group') }), bucket],
    params: () => ({ bucket: bucket.value }),
    render: (r) => [totals(r), chart(r), table(r)],
  }, ctx);
  bucket.addEventListener('change', () => panel.load());
  return panel;
}
