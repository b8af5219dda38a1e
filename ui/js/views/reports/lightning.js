// Lightning per day: paid payments received and sent on each day of a range (by when they were
// created, your time zone), with the range's totals.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { sortableTable } from '../../components.js';
import { amount as fmtAmount, groupWestern } from '../../format.js';
import { dayText } from '../../dates.js';
import { rangedPanel } from './range.js';

const count = (n) => groupWestern(String(n));
const satsCell = (n) => fmtAmount(n, 'sats');

function table(r) {
  const tbl = sortableTable({
    id: 'lightning-days',
    rows: r.days,
    rowAttrs: (d) => ({ dataset: { date: d.date } }),
    columns: [
      { key: 'date', label: t('reports.lightning.columns.day'), render: (d) => dayText(d.date) },
      { key: 'receivedSats', label: t('reports.lightning.columns.received'), type: 'number', render: (d) => satsCell(d.receivedSats) },
      { key: 'countIn', label: t('reports.lightning.columns.count_in'), type: 'number', render: (d) => count(d.countIn) },
      { key: 'sentSats', label: t('reports.lightning.columns.sent'), type: 'number', render: (d) => satsCell(d.sentSats) },
      { key: 'countOut', label: t('reports.lightning.columns.count_out'), type: 'number', render: (d) => count(d.countOut) },
    ],
  });
  // The totals stay under the days whichever way they are sorted.
  const total = r.total;
  tbl.append(h('tfoot', {}, h('tr', { id: 'lightning-total' },
    h('th', { scope: 'row', text: t('reports.lightning.total') }), h('td', { text: satsCell(total.receivedSats) }), h('td', { text: count(total.countIn) }),
    h('td', { text: satsCell(total.sentSats) }), h('td', { text: count(total.countOut) }))));
  return h('div', { class: 'table-wrap' }, tbl);
}

/** The Lightning panel; ctx: {scope()}. */
export function lightningPanel(ctx) {
  return rangedPanel({
    id: 'lightning-report',
    report: 'lightning',
    days: 14,
    title: t('reports.lightning.title'),
    hint: t('reports.lightning.hint'),
    render: (r) => [table(r)],
  }, ctx);
}
