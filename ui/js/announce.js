// The one way the app speaks up without moving the focus: a polite live region
// (#announcer in index.html) that screen readers read out when they are idle. For outcomes the
// user is waiting for — a watched payment turning final, a lookup finishing, an error — in
// words, once. Never for what changes on its own every second (countdowns, "checked … ago").

const DELAY_MS = 80;
let queued = [];
let timer = null;

/**
 * Say `text`. Several calls close together are said together, in order; the same words said
 * again later are read again (the region is emptied first).
 */
export function announce(text) {
  const el = document.getElementById('announcer');
  const words = String(text ?? '').trim();
  if (!el || !words) return;
  if (!queued.includes(words)) queued.push(words);
  if (timer) return;
  el.textContent = '';
  timer = setTimeout(() => {
    el.textContent = queued.join(' ');
    queued = [];
    timer = null;
  }, DELAY_MS);
}
