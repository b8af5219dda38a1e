// Tiny DOM helpers. API data is always set with textContent, never innerHTML.

/**
 * h('div', {class: 'x', dataset: {field: 'title'}}, 'text', child) → element.
 * Strings become text nodes; null/undefined/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace `el`'s children, skipping null/false (the conditional parts of a view). */
export function fill(el, ...kids) {
  el.replaceChildren(...kids.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Show an error {code, message} in an element (or hide it when err is null). */
export function showError(el, err) {
  if (!err) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.hidden = false;
  el.dataset.code = err.code;
  el.textContent = err.message;
}

/** Format a Unix timestamp (seconds) as local date-time, or '—'. */
export function fmtTime(v) {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) return String(v);
  return new Date(n * 1000).toLocaleString();
}

/** Show any scalar API value as text. */
export function fmt(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
