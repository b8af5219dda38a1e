// A catalogue message with elements in it: tn('bridge.intro', { upi: term('upi_id') }) → the
// message's text with each {name} whose value is a DOM node (a glossary term, a link, a
// countdown) replaced by that node, ready to pass as children to h(). Word order stays the
// translator's: the node goes wherever the language puts its placeholder.
import { t } from './i18n.js';

const isNode = (v) => v !== null && typeof v === 'object' && typeof v.nodeType === 'number';

/** [text, node, text, …] for `key`; string and number vars are filled as t() fills them. */
export function tn(key, vars = {}) {
  const words = {};
  const nodes = {};
  for (const [k, v] of Object.entries(vars)) (isNode(v) ? nodes : words)[k] = v;
  // t() leaves a placeholder it has no value for as {name}: those are the nodes' places.
  return t(key, words).split(/(\{\w+\})/).filter(Boolean)
    .map((part) => nodes[part.slice(1, -1)] ?? part);
}
