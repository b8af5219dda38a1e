// Redemptions over time: voucher codes redeemed per day, week or month in a range of days, as a
// bar chart of their value (drawn from the numbers) and the same numbers in a table, with totals.
import { h } from '../../dom.js';
import { sortableTable } from '../../components.js';
import { btc, groupWestern, satsToBtc } from '../../format.js';
import { dayText } from '../../dates.js';
import { barChart } from '../../bar-chart.js';
import { rangedPanel } from './range.js';

const satsText = (n) => `${groupWestern(String(n))} sats`;
const PER = { day: 'day', week: 'week', month: 'month' };

/** What a bucket is called: "21 Nov", "Week of 17 Nov", "Nov 2026". */
function period(startDate, bucket, { short = false } = {}) {
  if (bucket === 'month') return dayText(startDate, { month: true });
  if (bucket === 'week') return short ? dayText(startDate, { short: true }) : `Week of ${dayText(startDate)}`;
  return dayText(startDate, { short });
}

function chart(r) {
  const most = r.buckets.reduce((a, b) => (b.valueSats > (a?.valueSats ?? 0) ? b : a), null);
  const summary = `Redemptions per ${PER[r.bucket]} from ${dayText(r.from)} to ${dayText(r.to)}: ${groupWestern(String(r.totalCount))} codes, ${satsText(r.totalSats)} in all`
    + (most ? `; the most in ${period(most.startDate, r.bucket)} (${satsText(most.valueSats)}).` : '.');
  return h('figure', { class: 'chart' },
    barChart({
      id: 'redemptions-chart',
      summary,
      bars: r.buckets.map((b) => ({
        label: period(b.startDate, r.bucket, { short: true }),
        value: b.valueSats,
        valueText: groupWestern(String(b.valueSats)),
        title: `${period(b.startDate, r.bucket)}: ${groupWestern(String(b.count))} codes, ${satsText(b.valueSats)}`,
      })),
    }),
    h('figcaption', { class: 'hint', text: 'Value redeemed, in sats. The table below has the same numbers.' }));
}

function table(r) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'redemptions-table',
    rows: r.buckets,
    rowAttrs: (b) => ({ dataset: { start: b.startDate, count: String(b.count), sats: String(b.valueSats) } }),
    columns: [
      { key: 'startDate', label: r.bucket === 'day' ? 'Day' : r.bucket === 'week' ? 'Week' : 'Month', render: (b) => period(b.startDate, r.bucket) },
      { key: 'count', label: 'Codes redeemed', type: 'number', render: (b) => groupWestern(String(b.count)) },
      { key: 'valueSats', label: 'Value (BTC)', type: 'number', render: (b) => btc(satsToBtc(b.valueSats)) },
      { key: 'sats', label: 'Value (sats)', type: 'number', value: (b) => b.valueSats, render: (b) => satsText(b.valueSats) },
    ],
  }));
}

function totals(r) {
  return h('p', { class: 'totals-line', id: 'redemptions-totals', dataset: { testid: 'redemptions-totals', count: String(r.totalCount), sats: String(r.totalSats) } },
    h('strong', { text: `${groupWestern(String(r.totalCount))} codes redeemed` }), ` · ${btc(r.totalBtc)} (${satsText(r.totalSats)})`);
}

/** The redemptions panel; ctx: {scope()}. */
export function redemptionsPanel(ctx) {
  const bucket = h('select', { id: 'redemptions-bucket', dataset: { testid: 'redemptions-bucket' } },
    h('option', { value: 'day', text: 'per day' }), h('option', { value: 'week', text: 'per week' }), h('option', { value: 'month', text: 'per month' }));
  const panel = rangedPanel({
    id: 'redemptions',
    report: 'redemptions',
    days: 14,
    title: 'Redemptions over time',
    hint: 'Voucher codes redeemed in the range, by when they were redeemed (your time zone), as far as the records know: a batch tells its redeems when it is checked.',
    controls: [h('label', { for: bucket.id, class: 'sr-only', text: 'Group' }), bucket],
    params: () => ({ bucket: bucket.value }),
    render: (r) => [totals(r), chart(r), table(r)],
  }, ctx);
  bucket.addEventListener('change', () => panel.load());
  return panel;
}
