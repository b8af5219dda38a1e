// Bridge payouts: every quote created in a range of days — who was paid (UPI id or ninjatag),
// the ₹ amount, what was paid in, status and when it completed — and totals per status.
import { h } from '../../dom.js';
import { sortableTable } from '../../components.js';
import { amount as fmtAmount, groupWestern, inr } from '../../format.js';
import { amountCell, counterpartyCell, statusCell, tidCell, timeCell } from '../../record-cells.js';
import { rangedPanel } from './range.js';

function totalsTable(r) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'payouts-totals',
    rows: r.totals,
    empty: 'No payouts in this range.',
    columns: [
      { key: 'status', label: 'Status', render: (t) => statusCell(t.status) },
      { key: 'count', label: 'Payouts', type: 'number', render: (t) => groupWestern(String(t.count)) },
      { key: 'inr', label: '₹', type: 'decimal', render: (t) => inr(t.inr) },
      { key: 'sats', label: 'Sats', type: 'number', render: (t) => fmtAmount(t.sats, 'sats') },
      { key: 'assets', label: 'Paid with', value: (t) => Object.keys(t.assets ?? {}).join(' '),
        render: (t) => Object.entries(t.assets ?? {}).map(([asset, v]) => fmtAmount(v, asset)).join(', ') || '—' },
    ],
  }));
}

function rowsTable(r, state) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'payouts-table',
    rows: r.rows,
    empty: 'No bridge quotes were created in this range.',
    rowAttrs: (p) => ({ dataset: { tid: p.tid, status: p.status } }),
    columns: [
      { key: 'createdAt', label: 'Created', type: 'number', render: (p) => timeCell(p.createdAt) },
      { key: 'tid', label: 'tid', render: (p) => tidCell('quote', p.tid, p.account, state) },
      { key: 'to', label: 'Paid to', render: (p) => counterpartyCell(p.to, p.toKind) },
      { key: 'inr', label: '₹', type: 'decimal', render: (p) => (p.inr ? inr(p.inr) : '—') },
      { key: 'sats', label: 'Paid with', type: 'number', render: (p) => amountCell({ asset: p.asset, amount: p.assetAmount, sats: p.sats }) },
      { key: 'status', label: 'Status', render: (p) => statusCell(p.status) },
      { key: 'completedAt', label: 'Completed', type: 'number', render: (p) => timeCell(p.completedAt) },
    ],
  }));
}

/** The bridge payouts panel; ctx: {scope(), state()}. */
export function payoutsPanel(ctx) {
  return rangedPanel({
    id: 'payouts',
    report: 'payouts',
    days: 30,
    title: 'Bridge payouts',
    hint: 'BTC and USDT sent as INR over UPI: the quotes created in the range, with totals per status. Each quote is as Ninjapay last described it to this app.',
    render: (r) => [h('h3', { text: 'Totals per status' }), totalsTable(r), h('h3', { text: 'Payouts' }), rowsTable(r, ctx.state())],
  }, ctx);
}
