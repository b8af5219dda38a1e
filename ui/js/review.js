// Forms ask the client, through the `review` command, whether a request is acceptable before the
// user is asked to confirm it: every problem comes back with its field, and a voucher batch's
// exact total debit. Nothing is sent. The page keeps no rules of its own about what Ninjapay
// accepts (validate.js has the few checks that must answer before a request can be built).
import { api } from './ipc.js';
import { clearFieldErrors, fieldError } from './components.js';
import { errorBanner } from './error-banner.js';
import { problemText } from './errors.js';

/** A request body from form values: text trimmed, blanks (and nulls) left out. */
export function requestFrom(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) {
    const x = typeof v === 'string' ? v.trim() : v;
    if (x !== null && x !== undefined && x !== '') out[k] = x;
  }
  return out;
}

/**
 * Show problems ([{field, message}]) beside their inputs (`fields`: API field name → input);
 * those with no input here go to `banner`. The focus goes to the first.
 */
export function showProblems(problems, { fields, banner }) {
  const byInput = new Map();
  const loose = [];
  for (const p of problems) {
    const input = p.field ? fields[p.field] : null;
    if (input) byInput.set(input, [...(byInput.get(input) ?? []), problemText(p)]);
    else loose.push(problemText(p));
  }
  for (const [input, messages] of byInput) {
    const more = input.closest('details');
    if (more) more.open = true; // an error inside a folded section must be seen
    fieldError(input, messages.join(' '));
  }
  errorBanner(banner, loose.length ? { code: 'validation', message: loose.join(' ') } : null);
  (byInput.keys().next().value ?? (loose.length ? banner : null))?.focus?.();
}

/**
 * Check `request` for `endpoint` and show what is wrong. `extra`: problems found on this side
 * ([{field, message}]), shown with the rest. Resolves {ok, total}.
 */
export async function reviewForm(endpoint, request, { form, fields, banner, extra = [] }) {
  clearFieldErrors(form);
  errorBanner(banner, null);
  let review;
  try {
    review = await api.review(endpoint, request);
  } catch (err) {
    errorBanner(banner, err, { focus: true });
    return { ok: false, total: null };
  }
  const problems = [...extra, ...(review.problems ?? [])];
  showProblems(problems, { fields, banner });
  return { ok: problems.length === 0, total: review.total ?? null };
}

/**
 * Review while the user types, a moment after the last keystroke: returns a function to call on
 * input; `onResult(review | null, request)` hears only the answer for the latest values.
 */
export function liveReview(endpoint, requestOf, onResult, delayMs = 250) {
  let timer = null;
  let seq = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++seq;
      const request = requestOf();
      let review = null;
      try {
        review = await api.review(endpoint, request);
      } catch {
        // No live answer for now; the submit reviews again and says why.
      }
      if (mine === seq) onResult(review, request);
    }, delayMs);
  };
}
