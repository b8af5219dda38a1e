// Plain words for Ninjapay's terms (tid, ninjatag, LBTC, voucher batch, widget token, bridge
// quote, UPI id). A view writes term('tid') where the term first appears on a screen: the word,
// dotted-underlined, with its meaning in a tooltip shown on hover and on keyboard focus
// (app.css, "glossary terms") and given to screen readers as the word's description. The
// meanings live in the catalogue's "glossary" area.
//
// The tooltip is the term's ::after (so pointing at the tooltip keeps it open, WCAG 1.4.13),
// fixed to the window at a place worked out here while it is open, so that it never runs off
// the window nor is cut off by a scrolling box; Escape closes it until the pointer and the focus
// have left the word.
import { h } from './dom.js';
import { t } from './i18n.js';

export const TERMS = Object.freeze(['tid', 'ninjatag', 'lbtc', 'voucher_batch', 'widget_token', 'bridge_quote', 'upi_id']);

/** The term `key` as an <abbr> carrying its meaning (`shown` replaces the word, e.g. "tids"). */
export function term(key, shown = null) {
  listen();
  const means = t(`glossary.${key}.means`);
  // No title: the browser's own tooltip would show the meaning a second time (and not on focus).
  return h('abbr', { class: 'term', tabindex: '0', 'aria-description': means, dataset: { term: key } },
    shown ?? t(`glossary.${key}.term`));
}

const MARGIN = 8; // px kept free between a tooltip and the window's edges
const WIDTH_REM = 20; // the tooltip's widest (app.css: max-width)

/**
 * Where a term's tooltip goes, in window pixels: under the word (`top`), or over it when there is
 * more room there (`bottom`: from the window's bottom edge); from the word's left edge, moved
 * left as far as needed to stay in the window, and never wider than it.
 * rect: the word's box; view: {width, height} of the window; tip: {width, height} (the most
 * the tooltip can take). → {left, top, bottom, width, up}
 */
export function placeTip(rect, view, tip) {
  const width = Math.max(0, Math.min(tip.width, view.width - 2 * MARGIN));
  const left = Math.max(MARGIN, Math.min(rect.left, view.width - MARGIN - width));
  const below = view.height - rect.bottom;
  const up = below < tip.height + MARGIN && rect.top > below;
  return { left: Math.round(left), top: Math.round(rect.bottom), bottom: Math.round(view.height - rect.top), width: Math.floor(width), up };
}

const placed = new WeakMap(); // term → where its tooltip was put last ("left,top,bottom,width,up")

function place(el) {
  const root = document.documentElement;
  const rem = parseFloat(getComputedStyle(root).fontSize) || 16;
  // A tooltip is a few lines at most: 9 lines of text is a generous height to keep room for.
  const at = placeTip(el.getBoundingClientRect(), { width: root.clientWidth, height: root.clientHeight },
    { width: WIDTH_REM * rem, height: 9 * rem });
  const key = `${at.left},${at.top},${at.bottom},${at.width},${at.up}`;
  if (placed.get(el) === key) return; // unchanged: no style change, no repaint
  placed.set(el, key);
  el.style.setProperty('--tip-left', `${at.left}px`);
  el.style.setProperty('--tip-top', `${at.top}px`);
  el.style.setProperty('--tip-bottom', `${at.bottom}px`);
  el.style.setProperty('--tip-width', `${at.width}px`);
  el.toggleAttribute('data-tip-up', at.up);
}

const openTerms = () => document.querySelectorAll('.term:hover, .term:focus');

// While a tooltip is open it follows its word, once a frame: the page may scroll, or move under
// it (a banner appearing above), with no event to say so.
let frame = 0;
function follow() {
  const open = openTerms();
  for (const el of open) place(el);
  frame = open.length ? requestAnimationFrame(follow) : 0;
}

let listening = false;
function listen() {
  if (listening || !globalThis.document) return;
  listening = true;
  const start = (e) => {
    const el = e.target?.closest?.('.term');
    if (!el) return;
    place(el);
    if (!frame) frame = requestAnimationFrame(follow);
  };
  document.addEventListener('mouseover', start);
  document.addEventListener('focusin', start);
  // Closed with Escape: open again once the pointer and the focus have both left it.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') for (const el of openTerms()) el.dataset.tip = 'off';
  });
  const reopen = (e) => {
    const el = e.target?.closest?.('.term');
    if (el && !el.matches(':hover, :focus')) delete el.dataset.tip;
  };
  document.addEventListener('mouseout', reopen);
  document.addEventListener('focusout', (e) => setTimeout(() => reopen(e)));
}
