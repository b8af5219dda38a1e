// The Records table's search and filters: words (a tid prefix, a title, a counterparty), kind,
// status, money in or out, and a range of creation days. Rust does the searching.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { KIND_LABEL, kindLabel } from '../../record-cells.js';

const STATUSES = ['pending', 'paid', 'declined', 'expired', 'open', 'redeemed', 'revoked', 'success', 'failed',
  'refunded', 'partially_filled', 'filled', 'unknown'];

function select(id, label, options) {
  return h('select', { id, name: id, 'aria-label': label, dataset: { testid: id } },
    ...options.map(([value, words]) => h('option', { value, text: words })));
}

const field = (label, control) => h('label', { class: 'filter', for: control.id }, h('span', { text: label }), control);

/** filterBar({id, onChange}) → {el, query() → the filter part of a records query, clear()}. */
export function filterBar({ id, onChange }) {
  const text = h('input', {
    id: `${id}-search`, type: 'search', autocomplete: 'off', spellcheck: 'false', dataset: { testid: `${id}-search`, lookup: '' },
    placeholder: t('records.filters.placeholder'),
  });
  const kind = select(`${id}-kind`, t('records.filters.kind'), [['', t('records.filters.any_kind')], ...Object.keys(KIND_LABEL).map((k) => [k, kindLabel(k)])]);
  const status = select(`${id}-status`, t('records.filters.status'), [['', t('records.filters.any_status')], ...STATUSES.map((s) => [s, t(`records.statuses.${s}`)])]);
  const direction = select(`${id}-direction`, t('records.filters.direction_label'),
    [['', t('records.filters.both')], ['in', t('records.filters.in')], ['out', t('records.filters.out')]]);
  const from = h('input', { id: `${id}-from`, type: 'date', dataset: { testid: `${id}-from` } });
  const to = h('input', { id: `${id}-to`, type: 'date', dataset: { testid: `${id}-to` } });
  const clear = h('button', { type: 'button', id: `${id}-clear`, class: 'link' }, t('records.filters.clear'));

  const el = h('div', { class: 'filters', role: 'search', 'aria-label': t('records.filters.region') },
    field(t('records.filters.search'), text), field(t('records.filters.kind'), kind), field(t('records.filters.status'), status),
    field(t('records.filters.direction'), direction), field(t('records.filters.from'), from), field(t('records.filters.to'), to), clear);

  // Typing waits for a pause; the other controls apply at once.
  let timer = null;
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  });
  for (const c of [kind, status, direction, from, to]) c.addEventListener('change', onChange);
  clear.addEventListener('click', () => {
    for (const c of [text, kind, status, direction, from, to]) c.value = '';
    onChange();
  });

  return {
    el,
    query() {
      const q = {};
      if (text.value.trim()) q.text = text.value.trim();
      if (kind.value) q.kinds = [kind.value];
      if (status.value) q.statuses = [status.value];
      if (direction.value) q.direction = direction.value;
      if (from.value) q.from = from.value;
      if (to.value) q.to = to.value;
      return q;
    },
  };
}
