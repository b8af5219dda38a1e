// Bridge payouts: every quote created in a range of days — who was paid (UPI id or ninjatag),
// the ₹ amount, what was paid in, status and when it completed — and totals per status.
import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { term } from '../../glossary.js';
import { sortableTable } from '../../components.js';
import { amount as fmtAmount, groupWestern, inr } from '../../format.js';
import { amountCell, counterpartyCell, statusCell, tidCell, timeCell } from '../../record-cells.js';
import { rangedPanel } from './range.js';

function totalsTable(r) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'payouts-totals',
    rows: r.totals,
    empty: t('reports.payouts.totals_empty'),
    columns: [
      { key: 'status', label: t('reports.payouts.columns.status'), render: (s) => statusCell(s.status) },
      { key: 'count', label: t('reports.payouts.columns.count'), type: 'number', render: (s) => groupWestern(String(s.count)) },
      { key: 'inr', label: '₹', type: 'decimal', render: (s) => inr(s.inr) },
      { key: 'sats', label: t('reports.payouts.columns.sats'), type: 'number', render: (s) => fmtAmount(s.sats, 'sats') },
      { key: 'assets', label: t('reports.payouts.columns.paid_with'), value: (s) => Object.keys(s.assets ?? {}).join(' '),
        render: (s) => Object.entries(s.assets ?? {}).map(([asset, v]) => fmtAmount(v, asset)).join(', ') || '—' },
    ],
  }));
}

function rowsTable(r, state) {
  return h('div', { class: 'table-wrap' }, sortableTable({
    id: 'payouts-table',
    rows: r.rows,
    empty: t('reports.payouts.rows_empty'),
    rowAttrs: (p) => ({ dataset: { tid: p.tid, status: p.status } }),
    columns: [
      { key: 'createdAt', label: t('reports.payouts.columns.created'), type: 'number', render: (p) => timeCell(p.createdAt) },
      { key: 'tid', label: t('reports.payouts.columns.tid'), render: (p) => tidCell('quote', p.tid, p.account, state) },
      { key: 'to', label: t('reports.payouts.columns.paid_to'), render: (p) => counterpartyCell(p.to, p.toKind) },
      { key: 'inr', label: '₹', type: 'decimal', render: (p) => (p.inr ? inr(p.inr) : '—') },
      { key: 'sats', label: t('reports.payouts.columns.paid_with'), type: 'number', render: (p) => amountCell({ asset: p.asset, amount: p.assetAmount, sats: p.sats }) },
      { key: 'status', label: t('reports.payouts.columns.status'), render: (p) => statusCell(p.status) },
      { key: 'completedAt', label: t('reports.payouts.columns.completed'), type: 'number', render: (p) => timeCell(p.completedAt) },
    ],
  }));
}

/** The bridge payouts panel; ctx: {scope(), state()}. */
export function payoutsPanel(ctx) {
  return rangedPanel({
    id: 'payouts',
    report: 'payouts',
    days: 30,
    title: t('reports.payouts.title'),
    hint: tn('reports.payouts.hint', { quotes: term('bridge_quote', t('reports.payouts.quotes_word')) }),
    render: (r) => [h('h3', { text: t('reports.payouts.totals_heading') }), totalsTable(r), h('h3', { text: t('reports.payouts.rows_heading') }), rowsTable(r, ctx.state())],
  }, ctx);
}
