// Vouchers: create a batch of withdraw vouchers (vouchers/create.js), see and print what was
// created (vouchers/created.js), and look a batch up by tid (vouchers/detail.js): every code,
// who redeemed it and when, totals, CSV export, revoke and redeem. The parts talk through
// events on this section ('voucher:created', 'voucher:open').
import { h } from '../dom.js';
import { t, tn } from '../i18n.js';
import { term } from '../glossary.js';
import { busy } from '../components.js';
import { errorBanner, errorBox } from '../error-banner.js';
import { createForm } from './vouchers/create.js';
import { showCreated } from './vouchers/created.js';
import { detailPanel } from './vouchers/detail.js';

export function mount(section) {
  // ids kept from the first version: voucher-tid, voucher-lookup, voucher-detail.
  const tidInput = h('input', {
    id: 'voucher-tid', name: 'tid', type: 'text', spellcheck: 'false', autocomplete: 'off',
    placeholder: t('vouchers.lookup.placeholder'), required: true, dataset: { testid: 'voucher-tid', lookup: '' },
  });
  const lookupBtn = h('button', { id: 'voucher-lookup', type: 'submit', class: 'primary', dataset: { testid: 'voucher-lookup' } }, t('vouchers.lookup.button'));
  const lookupForm = h('form', { id: 'voucher-form', class: 'row voucher-lookup', autocomplete: 'off' },
    h('label', { class: 'sr-only', for: 'voucher-tid', text: t('vouchers.lookup.label') }), tidInput, lookupBtn);
  const newBtn = h('button', { id: 'voucher-new', type: 'button', dataset: { testid: 'voucher-new' } }, t('vouchers.new_batch'));
  const banner = errorBox({ id: 'voucher-error', testid: 'voucher-error' });
  const create = createForm();
  const createdCard = h('div', { id: 'voucher-created', class: 'card', hidden: true, dataset: { testid: 'voucher-created' } });
  const detail = detailPanel(banner);

  section.replaceChildren(
    h('h1', { text: t('vouchers.title') }),
    h('p', { class: 'hint' }, tn('vouchers.hint', { batch: term('voucher_batch', t('vouchers.batch_word')), tid: term('tid') })),
    h('div', { class: 'voucher-bar' }, lookupForm, newBtn),
    banner, create.card, createdCard, detail.el);

  const panels = { create: create.card, created: createdCard, detail: detail.el };
  const showPanel = (name) => {
    for (const [k, el] of Object.entries(panels)) el.hidden = k !== name;
    newBtn.hidden = name === 'create';
  };

  async function lookup(tid) {
    tid = String(tid).trim();
    if (!tid) return;
    tidInput.value = tid;
    errorBanner(banner, null);
    showPanel('detail');
    await busy(lookupBtn, () => detail.show(tid));
  }

  section.addEventListener('voucher:created', (e) => {
    showCreated(createdCard, e.detail.voucher, e.detail.request);
    showPanel('created');
    createdCard.querySelector('h2')?.focus();
  });
  section.addEventListener('voucher:open', (e) => lookup(e.detail.tid));
  // Home's "New vouchers" navigates here without a tid: show the form.
  document.addEventListener('desk:navigate', (e) => {
    if (e.detail?.view === 'vouchers' && !e.detail.tid && create.card.hidden) newBtn.click();
  });
  newBtn.addEventListener('click', () => {
    errorBanner(banner, null);
    showPanel('create');
    create.focus();
  });
  lookupForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    await lookup(tidInput.value.trim());
  });

  return {
    update(state) {
      create.update(state);
      detail.update(state);
    },
    open: (tid) => lookup(tid),
  };
}
