// Records: one table of everything this computer has seen (the ledger) — voucher batches,
// payments, bridge quotes, widget tokens, orders. Search, filters, sort and pages are done by
// Rust; a row's tid opens the record in its own view; the filtered table exports as CSV or
// Excel; "Add batches by tid" (records/add-batches.js) brings in batches made elsewhere.
// Read when shown, and again when the records change (state.ledgerVersion) or the account does.
import { api } from '../ipc.js';
import { h } from '../dom.js';
import { t, tn } from '../i18n.js';
import { term } from '../glossary.js';
import { sortableTable } from '../components.js';
import { errorBanner } from '../error-banner.js';
import { groupWestern, text } from '../format.js';
import { userOffsetMinutes } from '../dates.js';
import { scopePicker } from '../scope-picker.js';
import { exportButtons } from '../export-buttons.js';
import { isShown, onShown } from '../shown.js';
import { latestOnly } from '../latest.js';
import { amountCell, counterpartyCell, kindLabel, modeName, statusCell, tidCell, timeCell } from '../record-cells.js';
import { filterBar } from './records/filters.js';
import { pagerBar } from './records/pager.js';
import { addBatches } from './records/add-batches.js';

// Columns sort by these (keys, not words); dates and amounts start with the largest.
const SORT_KEY = { kind: 'kind', tid: 'tid', title: 'title', counterparty: 'counterparty', amount: 'amount', status: 'status', created: 'created', last_checked: 'last_checked' }; // i18n-ignore
const LARGEST_FIRST = new Set(['amount', 'created', 'last_checked']);

export function mount(section) {
  const banner = h('div', { id: 'records-error', class: 'error', role: 'alert', hidden: true, dataset: { testid: 'records-error' } });
  const summary = h('p', { id: 'records-summary', class: 'hint', role: 'status', dataset: { testid: 'records-summary' } });
  const wrap = h('div', { class: 'table-wrap', id: 'records-wrap', dataset: { testid: 'records-wrap' } });
  const scope = scopePicker({ id: 'records-scope', onChange: () => load({ page: 0 }) });
  const filters = filterBar({ id: 'records', onChange: () => load({ page: 0 }) });
  const pager = pagerBar({ id: 'records-pager', onPage: (page) => load({ page }), onSize: () => load({ page: 0 }) });
  const add = addBatches();
  const at = { sort: 'created', desc: true, page: 0 };

  /** The whole query: filters, scope, sort, page. */
  const query = () => ({
    ...filters.query(), scope: scope.value(), sort: at.sort, desc: at.desc,
    page: at.page, pageSize: pager.size(), utcOffsetMinutes: userOffsetMinutes(),
  });

  section.append(
    h('h1', { text: t('records.title') }),
    h('p', { class: 'hint' }, tn('records.hint', { tid: term('tid') })),
    add.el,
    h('div', { class: 'card' },
      h('div', { class: 'toolbar' }, scope.el),
      filters.el,
      banner,
      h('div', { class: 'row table-head' }, summary, exportButtons({
        id: 'records-export', banner,
        // Every matching row, not only this page.
        params: () => ({ report: 'records', query: query(), utcOffsetMinutes: userOffsetMinutes() }),
      })),
      wrap, pager.el));

  let lastState = null;
  let seen = null; // what the table was read for: account and records version
  let stale = true;
  let focusSort = null; // after a header click, the focus returns to that header
  const latest = latestOnly();

  function load(change = {}) {
    Object.assign(at, change);
    stale = false;
    wrap.dataset.state = 'loading';
    return latest(() => api.records(query()), (page) => {
      errorBanner(banner, null);
      // Past the last page (rows went away, or a filter narrowed them): the last one there is.
      if (page.page > 0 && page.rows.length === 0 && page.total > 0) {
        load({ page: Math.ceil(page.total / page.pageSize) - 1 });
        return;
      }
      render(page);
      wrap.dataset.state = 'loaded';
    }, (e) => {
      wrap.dataset.state = 'error';
      errorBanner(banner, e);
    });
  }

  function sortBy(key) {
    const sort = SORT_KEY[key];
    focusSort = key;
    load(sort === at.sort ? { desc: !at.desc, page: 0 } : { sort, desc: LARGEST_FIRST.has(sort), page: 0 });
  }

  function render(page) {
    const others = scope.value() !== 'account';
    const table = sortableTable({
      id: 'records-table',
      rows: page.rows,
      empty: t('records.empty'),
      sort: { key: Object.keys(SORT_KEY).find((k) => SORT_KEY[k] === at.sort), desc: at.desc },
      onSort: sortBy,
      rowAttrs: (r) => ({ dataset: { testid: 'record-row', kind: r.kind, tid: r.tid, status: r.status, ...(r.sats === null ? {} : { sats: String(r.sats) }) } }),
      columns: [
        { key: 'kind', label: t('records.columns.kind'), render: (r) => h('span', { class: 'stack' }, kindLabel(r.kind),
          others ? h('span', { class: 'hint-inline', text: modeName(r.account) }) : null) },
        { key: 'tid', label: t('records.columns.tid'), render: (r) => tidCell(r.kind, r.tid, r.account, lastState) },
        { key: 'title', label: t('records.columns.title'), render: (r) => text(r.title) },
        { key: 'counterparty', label: t('records.columns.counterparty'), render: (r) => counterpartyCell(r.counterparty, r.counterpartyKind) },
        { key: 'amount', label: t('records.columns.amount'), render: amountCell },
        { key: 'status', label: t('records.columns.status'), render: (r) => statusCell(r.status, r.rawStatus) },
        { key: 'created', label: t('records.columns.created'), render: (r) => timeCell(r.createdAt) },
        { key: 'last_checked', label: t('records.columns.last_checked'), render: (r) => timeCell(r.lastCheckedAt, { ago: true }) },
      ],
    });
    wrap.replaceChildren(table);
    const first = page.total ? page.page * page.pageSize + 1 : 0;
    const last = page.page * page.pageSize + page.rows.length;
    summary.textContent = page.total
      ? t('records.summary', { count: page.total, n: groupWestern(String(page.total)) })
        + (page.total > page.rows.length ? t('records.showing', { first, last }) : '')
      : t('records.none');
    summary.dataset.total = String(page.total);
    pager.show(page);
    if (focusSort) {
      table.querySelector(`th[data-key="${focusSort}"] button`)?.focus();
      focusSort = null;
    }
  }

  onShown(section, () => { if (stale) load(); });

  return {
    update(state) {
      lastState = state;
      scope.update(state);
      const sig = JSON.stringify([state.status?.account ?? null, state.ledgerVersion ?? 0]);
      if (sig !== seen) {
        seen = sig;
        stale = true;
      }
      if (stale && state.status && isShown(section)) load();
    },
  };
}
