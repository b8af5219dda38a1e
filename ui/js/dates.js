// Days and times for Records and Reports: the user's day as YYYY-MM-DD (what the ledger's
// date parameters take) and display in the page's language ("21 Nov 2026, 02:03 pm" in en-IN).
// Pure: no DOM, no IPC (ui/tests/dates.test.mjs).
import { toDate } from './format.js';
import { locale } from './i18n.js';

/** The user's offset from UTC in minutes, as the ledger takes it (+330 in India). */
export const userOffsetMinutes = (at = new Date()) => -at.getTimezoneOffset();

const pad = (n) => String(n).padStart(2, '0');

/** A Date's day in the user's time zone, as YYYY-MM-DD. */
export function isoDay(at = new Date()) {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** YYYY-MM-DD → a Date at 00:00 UTC that day (calendar arithmetic only), or null. */
function utcDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A day `n` days after (or before) YYYY-MM-DD. */
export function addDays(iso, n) {
  const d = utcDay(iso);
  if (!d) return iso;
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const FORMATS = {
  day: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }, // i18n-ignore
  dayShort: { day: 'numeric', month: 'short', timeZone: 'UTC' }, // i18n-ignore
  month: { month: 'short', year: 'numeric', timeZone: 'UTC' }, // i18n-ignore
  dateLocal: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
};
const made = new Map();

/**
 * The formatter `name` for the page's language, made on first use: the language is chosen at
 * start-up, after this module is loaded. Digits stay Latin in Hindi too.
 */
function formatter(name) {
  const key = `${locale()} ${name}`;
  if (!made.has(key)) made.set(key, new Intl.DateTimeFormat(locale(), { numberingSystem: 'latn', ...FORMATS[name] }));
  return made.get(key);
}

/** YYYY-MM-DD → "21 Nov 2026" (`short`: "21 Nov"; `month`: "Nov 2026"). */
export function dayText(iso, { short = false, month = false } = {}) {
  const d = utcDay(iso);
  if (!d) return iso ? String(iso) : '—';
  return formatter(month ? 'month' : short ? 'dayShort' : 'day').format(d);
}

/** Unix seconds (or an ISO time) → ["21 Nov 2026", "02:03 pm"] in the user's time zone, or null. */
export function dateTimeParts(value) {
  const d = toDate(value);
  return d ? [formatter('dateLocal').format(d), formatter('time').format(d)] : null;
}

/** A time of day (a Date, unix seconds or an ISO time) → "02:03 pm" in the user's time zone; "—" if none. */
export function timeText(value) {
  const d = toDate(value);
  return d ? formatter('time').format(d) : '—';
}

/** Unix seconds (or an ISO time) → "21 Nov 2026, 02:03 pm" in the user's time zone; "—" if none. */
export function dateTimeText(value) {
  const parts = dateTimeParts(value);
  return parts ? parts.join(', ') : '—';
}
