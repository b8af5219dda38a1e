// Text size, for people who need it larger: Ctrl + (or Ctrl =) and Ctrl − step the whole
// interface's text from 90 % to 200 %, Ctrl 0 puts it back; kept on this computer. Every size
// in the CSS derives from the root's (rem / em), so the layout follows (WCAG 1.4.4).
import { announce } from './announce.js';
import { t } from './i18n.js';

const KEY = 'ninjapay-desk.text-size';
export const STEPS = [0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const BASE = 93.75; // % of the web view's default: 15 px of 16

function saved() {
  const n = Number(localStorage.getItem(KEY));
  return STEPS.includes(n) ? n : 1;
}

function apply(step, { say = false } = {}) {
  document.documentElement.style.fontSize = step === 1 ? '' : `${BASE * step}%`;
  document.documentElement.dataset.textSize = String(step);
  if (step === 1) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, String(step));
  if (say) announce(t('common.text_size', { percent: Math.round(step * 100) }));
}

/** Apply the saved size and listen for the keys. */
export function initTextSize() {
  apply(saved());
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const at = STEPS.indexOf(saved());
    let to;
    if (e.key === '+' || e.key === '=') to = Math.min(at + 1, STEPS.length - 1);
    else if (e.key === '-' || e.key === '_') to = Math.max(at - 1, 0);
    else if (e.key === '0') to = STEPS.indexOf(1);
    else return;
    e.preventDefault();
    apply(STEPS[to], { say: true });
  });
}
