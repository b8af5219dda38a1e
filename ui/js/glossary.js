// Plain words for Ninjapay's terms (tid, ninjatag, LBTC, voucher batch, widget token, bridge
// quote, UPI id). A view writes term('tid') where the term first appears on a screen: the word
// with its meaning as a tooltip (hover or keyboard focus) and for screen readers. The meanings
// live in the catalogue's "glossary" area.
import { h } from './dom.js';
import { t } from './i18n.js';

export const TERMS = Object.freeze(['tid', 'ninjatag', 'lbtc', 'voucher_batch', 'widget_token', 'bridge_quote', 'upi_id']);

/** The term `key` as an <abbr> carrying its meaning (`shown` replaces the word, e.g. "tids"). */
export function term(key, shown = null) {
  const means = t(`glossary.${key}.means`);
  return h('abbr', { class: 'term', title: means, tabindex: '0', 'aria-description': means, dataset: { term: key } },
    shown ?? t(`glossary.${key}.term`));
}
