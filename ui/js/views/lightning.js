// Lightning: request a payment (receive), check one, send (Admin key), history, decode — one
// module per panel in views/lightning/, each with its own mount and update. The panels never
// touch each other's elements: they ask this view through events on their element
// ('ln:check' {tid}, 'ln:pay' {invoice}), and Home can choose a panel ('desk:lightning-panel').
import { h } from '../dom.js';
import { rovingGroup } from '../components.js';
import { t } from '../i18n.js';
import * as request from './lightning/request.js';
import * as check from './lightning/check.js';
import * as send from './lightning/send.js';
import * as history from './lightning/history.js';
import * as decode from './lightning/decode.js';
import { tick } from './lightning/payment-status.js';

const PANELS = [
  ['request', 'lightning.tabs.request', request],
  ['check', 'lightning.tabs.check', check],
  ['send', 'lightning.tabs.send', send],
  ['history', 'lightning.tabs.history', history],
  ['decode', 'lightning.tabs.decode', decode],
];

export function mount(section) {
  const tabs = {};
  const els = {};
  const parts = {};
  const tablist = h('div', { class: 'ln-tabs segmented', role: 'tablist', 'aria-label': t('lightning.title') });
  for (const [name, label] of PANELS) {
    const tab = h('button', { type: 'button', role: 'tab', id: `ln-tab-${name}`, 'aria-controls': `ln-panel-${name}`,
      'aria-selected': 'false', dataset: { testid: `ln-tab-${name}`, panel: name } }, t(label));
    tab.addEventListener('click', () => showPanel(name));
    tabs[name] = tab;
    tablist.append(tab);
    els[name] = h('div', { class: 'ln-panel', id: `ln-panel-${name}`, role: 'tabpanel', 'aria-labelledby': tab.id, hidden: true });
  }
  // The same tablist keyboard as the top navigation: arrows, Home and End choose a panel.
  const group = rovingGroup(tablist, { items: () => Object.values(tabs), select: (tab) => showPanel(tab.dataset.panel) });
  section.append(
    h('h1', { text: t('lightning.title') }),
    h('p', { class: 'hint', text: t('lightning.intro') }),
    tablist,
    ...Object.values(els),
  );
  for (const [name, , mod] of PANELS) parts[name] = mod.mount(els[name]);

  function showPanel(name) {
    if (!els[name]) return;
    for (const [n, p] of Object.entries(els)) {
      p.hidden = n !== name;
      tabs[n].classList.toggle('active', n === name);
    }
    group.mark(tabs[name], 'aria-selected');
    parts[name].shown?.();
  }

  /** desk:navigate {view: 'lightning', tid}: check that payment. */
  function open(tid) {
    showPanel('check');
    parts.check.open(String(tid));
  }

  section.addEventListener('ln:check', (e) => open(e.detail.tid));
  section.addEventListener('ln:pay', (e) => {
    showPanel('send');
    parts.send.prefill(e.detail.invoice);
  });
  document.addEventListener('desk:lightning-panel', (e) => showPanel(e.detail?.panel ?? 'request'));
  // Expiry countdowns and "next check in" hints tick while the view is shown.
  setInterval(() => { if (!section.hidden) tick(section); }, 1000);
  showPanel('request');

  return {
    update(state) {
      for (const part of Object.values(parts)) part.update?.(state);
    },
    open,
  };
}
