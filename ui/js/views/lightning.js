// Placeholder until this view is built.
import { h } from '../dom.js';

export function mount(section) {
  section.append(h('h1', { text: 'Lightning' }));
  return { update() {} };
}
