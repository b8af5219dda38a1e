// Tabs inside a view (the WAI-ARIA tabs pattern): a tablist of buttons, one panel each; arrow
// keys, Home and End move between tabs, and only the selected tab is in the Tab order.
import { h } from './dom.js';

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
      dataset: { testid: `${id}-tab-${name}` }, onclick: () => show(name) }, words);
    panels[name] = h('div', { role: 'tabpanel', id: `${id}-panel-${name}`, 'aria-labelledby': buttons[name].id, hidden: true });
    list.append(buttons[name]);
  }
  let current = null;

  function show(name) {
    if (!panels[name]) return;
    current = name;
    for (const n of names) {
      const on = n === name;
      panels[n].hidden = !on;
      buttons[n].setAttribute('aria-selected', String(on));
      buttons[n].classList.toggle('active', on);
      buttons[n].tabIndex = on ? 0 : -1;
    }
    onShow?.(name);
  }

  const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  list.addEventListener('keydown', (e) => {
    const i = names.indexOf(current);
    let next = null;
    if (e.key in moves) next = names[(i + moves[e.key] + names.length) % names.length];
    else if (e.key === 'Home') [next] = names;
    else if (e.key === 'End') next = names[names.length - 1];
    if (next === null) return;
    e.preventDefault();
    show(next);
    buttons[next].focus();
  });

  show(names[0]);
  return { list, panels, show, current: () => current };
}
