// Reports over the records, each computed by Rust from what this computer has seen: voucher
// liability as of a date, redemptions over time (chart and table), bridge payouts, Lightning
// per day — one panel each in views/reports/, with CSV and Excel exports. The scope control
// covers every panel. A panel is read when shown, and again when the records change
// (state.ledgerVersion), the account does, or its own controls change.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { tabs } from '../tabs.js';
import { scopePicker } from '../scope-picker.js';
import { isShown, onShown } from '../shown.js';
import { liabilityPanel } from './reports/liability.js';
import { redemptionsPanel } from './reports/redemptions.js';
import { payoutsPanel } from './reports/payouts.js';
import { lightningPanel } from './reports/lightning.js';

// Each panel's tab says reports.tabs.<name> (looked up at mount, once the catalogue is loaded).
const PANELS = [
  ['liability', liabilityPanel],
  ['redemptions', redemptionsPanel],
  ['payouts', payoutsPanel],
  ['lightning', lightningPanel],
];

export function mount(section) {
  let lastState = null;
  const ctx = { scope: () => scope.value(), state: () => lastState };
  const panels = Object.fromEntries(PANELS.map(([name, make]) => [name, make(ctx)]));
  const scope = scopePicker({
    id: 'reports-scope',
    onChange: () => {
      for (const p of Object.values(panels)) p.markStale();
      visible()?.load();
    },
  });
  const tabbed = tabs({
    id: 'reports',
    label: t('reports.title'),
    items: PANELS.map(([name]) => [name, t(`reports.tabs.${name}`)]),
    onShow: (name) => { if (isShown(section)) panels[name].loadIfStale(); },
  });
  for (const [name] of PANELS) tabbed.panels[name].append(panels[name].el);
  const visible = () => (isShown(section) ? panels[tabbed.current()] : null);

  section.append(
    h('h1', { text: t('reports.title') }),
    h('p', { class: 'hint', text: t('reports.hint') }),
    h('div', { class: 'toolbar' }, tabbed.list, scope.el),
    ...Object.values(tabbed.panels));

  onShown(section, () => visible()?.loadIfStale());

  let seen = null;
  return {
    update(state) {
      lastState = state;
      scope.update(state);
      const sig = JSON.stringify([state.status?.account ?? null, state.ledgerVersion ?? 0]);
      if (sig === seen || !state.status) return;
      seen = sig;
      for (const p of Object.values(panels)) p.markStale();
      visible()?.loadIfStale();
    },
    /** Show a report by name ('liability', 'redemptions', 'payouts', 'lightning'). */
    open: (name) => tabbed.show(name),
  };
}
