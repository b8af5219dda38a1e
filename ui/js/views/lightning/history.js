// Lightning (4): the latest payments, newest first, sortable; a row opens the payment in Check.
// Read when shown, and again once value may have moved (state.walletVersion) or the mode changed
// (another mode is another wallet).
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { busy, sortableTable } from '../../components.js';
import { errorBanner, errorBox } from '../../error-banner.js';
import { btc, relative, sats, text, toDate } from '../../format.js';
import { dateTimeText } from '../../dates.js';
import { t } from '../../i18n.js';
import { emit } from '../../actions.js';
import { announce } from '../../announce.js';
import { statusBadge } from './payment-status.js';

function timeCell(ts) {
  const d = toDate(ts);
  if (!d) return text(ts);
  return h('span', { title: dateTimeText(d) }, dateTimeText(d), h('br'), h('span', { class: 'hint-inline', text: relative(d) }));
}

function amountCell(figures) {
  if (!figures?.amount) return '—';
  const out = figures.direction === 'out';
  return h('span', { class: `amount ${out ? 'out' : 'in'}` }, `${out ? '−' : '+'}${btc(figures.amount)}`, h('br'),
    h('span', { class: 'hint-inline', text: sats(figures.amount) }));
}

const typeOf = (p) => t(p.figures?.direction === 'out' ? 'lightning.history.sent' : 'lightning.history.received');

export function mount(panelEl) {
  const limit = h('select', { id: 'ln-hist-limit' }, ...[10, 20, 50, 100].map((n) => h('option', { value: String(n), selected: n === 20 }, String(n))));
  const refresh = h('button', { type: 'button', id: 'ln-hist-refresh', dataset: { testid: 'ln-hist-refresh' } }, t('lightning.history.refresh'));
  const banner = errorBox({ id: 'ln-hist-error', testid: 'ln-hist-error' });
  const wrap = h('div', { class: 'table-wrap', id: 'ln-hist-wrap', dataset: { testid: 'ln-hist' } }, h('p', { class: 'hint', text: t('lightning.history.loading') }));
  const count = h('span', { class: 'hint-inline', id: 'ln-hist-count' });
  panelEl.append(h('div', { class: 'card' },
    h('div', { class: 'view-head' }, h('h2', { text: t('lightning.history.title') }),
      h('div', { class: 'row' }, h('label', { for: limit.id, text: t('lightning.history.show_last') }), limit, refresh)),
    h('p', { class: 'hint', text: t('lightning.history.hint') }),
    banner, count, wrap));

  let loaded = false;
  let stale = true;
  let seenMode = null;
  let seenWallet = null;
  let seq = 0;
  const visible = () => !panelEl.hidden && !panelEl.closest('.view')?.hidden;

  // Asked for by the user: say how many came back (a read on its own stays quiet).
  const loadAndSay = async () => {
    await load();
    if (wrap.dataset.state === 'loaded') announce(t('lightning.history.shown', { what: count.textContent }));
  };
  refresh.addEventListener('click', () => busy(refresh, loadAndSay));
  limit.addEventListener('change', () => busy(refresh, loadAndSay));
  wrap.addEventListener('click', (e) => {
    const tr = e.target.closest('tbody tr');
    const tid = tr?.querySelector('td[data-key="tid"]')?.textContent?.trim();
    if (tid && tid !== '—') emit(panelEl, 'ln:check', { tid });
  });

  async function load() {
    const mine = ++seq;
    loaded = true;
    stale = false;
    errorBanner(banner, null);
    wrap.dataset.state = 'loading';
    try {
      const list = await api.history(Number(limit.value));
      if (mine !== seq) return; // a newer load is on its way
      render(Array.isArray(list) ? list : []);
      wrap.dataset.state = 'loaded';
    } catch (e) {
      if (mine !== seq) return;
      stale = true;
      wrap.dataset.state = 'error';
      wrap.replaceChildren();
      count.textContent = '';
      errorBanner(banner, e);
    }
  }

  function render(list) {
    const table = sortableTable({
      id: 'ln-hist-table',
      empty: t('lightning.history.empty'),
      rows: list,
      columns: [
        { key: 'created_at', label: t('lightning.history.time'), type: 'date', render: (p) => timeCell(p.created_at) },
        { key: 'tid', label: t('lightning.fields.tid'), render: (p) => h('code', { text: text(p.tid) }) },
        { key: 'direction', label: t('lightning.history.type'), value: typeOf,
          render: (p) => `${typeOf(p)}${p.payment_mode && p.payment_mode !== 'lightning' ? ` · ${p.payment_mode}` : ''}` },
        { key: 'amount', label: t('lightning.fields.amount'), type: 'decimal', render: (p) => amountCell(p.figures) },
        { key: 'status', label: t('lightning.history.status'), render: (p) => statusBadge(p.status ?? 'undefined') },
        { key: 'description', label: t('lightning.fields.description'), render: (p) => text(p.description) },
      ],
    });
    wrap.replaceChildren(table);
    count.textContent = t('lightning.history.count', { count: list.length });
  }

  return {
    /** The panel was opened: read the list if it was never read or is out of date. */
    shown() {
      if (!loaded || stale) load();
    },
    update(state) {
      const mode = state.status ? `${state.status.mode}|${state.status.sandbox?.apiUrl ?? ''}` : null;
      if (mode && seenMode && mode !== seenMode) stale = true;
      if (mode) seenMode = mode;
      if (seenWallet !== null && state.walletVersion !== seenWallet) stale = true;
      seenWallet = state.walletVersion;
      if (stale && loaded && visible()) load();
    },
  };
}
