// Tabs inside a view (the WAI-ARIA tabs pattern): a tablist of buttons, one panel each; arrow
// keys, Home and End move between tabs, and only the selected tab is in the Tab order.
import { h } from './dom.js';
import { rovingGroup } from './components.js';

/**
 * tabs({id, label, items: [[name, words]], onShow(name)}) → {list, panels: {name: element},
 * show(name), current()}. Tab #{id}-tab-{name}, panel #{id}-panel-{name}.
 */
export function tabs({ id, label, items, onShow }) {
  const names = items.map(([name]) => name);
  const buttons = {};
  const panels = {};
  const list = h('div', { class: 'segmented tabs-inner', role: 'tablist', 'aria-label': label, id: `${id}-tabs` });
  for (const [name, words] of items) {
    buttons[name] = h('button', { type: 'button', role: 'tab', id: `${id}-tab-${name}`, 'aria-controls': `${id}-panel-${name}`,
      dataset: { testid: `${id}-tab-${name}`, name }, onclick: () => show(name) }, words);
    panels[name] = h('div', { role: 'tabpanel', id: `${id}-panel-${name}`, 'aria-labelledby': buttons[name].id, hidden: true });
    list.append(buttons[name]);
  }
  let current = null;
  // The app's one arrow-key pattern (components.js): arrows, Home and End select as they move.
  const group = rovingGroup(list, { items: () => names.map((n) => buttons[n]), select: (b) => show(b.dataset.name) });

  function show(name) {
    if (!panels[name]) return;
    current = name;
    for (const n of names) {
      panels[n].hidden = n !== name;
      buttons[n].classList.toggle('active', n === name);
    }
    group.mark(buttons[name], 'aria-selected');
    onShow?.(name);
  }

  show(names[0]);
  return { list, panels, show, current: () => current };
}
