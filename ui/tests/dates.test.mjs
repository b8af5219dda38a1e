// Unit tests for ui/js/dates.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dateTimeText, dayText, isoDay, timeText, userOffsetMinutes } from '../js/dates.js';
import { useLocale } from './catalogue.mjs';

test('the user day as YYYY-MM-DD, and calendar arithmetic on it', () => {
  assert.equal(isoDay(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('nonsense', 1), 'nonsense');
});

test('the offset the ledger takes is minutes east of UTC', () => {
  const at = new Date();
  assert.equal(userOffsetMinutes(at), -at.getTimezoneOffset());
});

test('days in en-IN style', () => {
  assert.equal(dayText('2026-11-21'), '21 Nov 2026');
  assert.equal(dayText('2026-11-21', { short: true }), '21 Nov');
  assert.equal(dayText('2026-11-01', { month: true }), 'Nov 2026');
  assert.equal(dayText(null), '—');
  assert.match(dateTimeText(1_790_000_000), /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{1,2}:\d{2} (am|pm)$/);
  assert.equal(dateTimeText(null), '—');
  assert.match(timeText(new Date(2026, 10, 28, 0, 29)), /^12:29 am$/i);
  assert.equal(timeText(null), '—');
});

test('days in Hindi: Hindi month names, Latin digits; formatters follow the language chosen later', () => {
  useLocale('hi-IN');
  try {
    assert.equal(dayText('2026-11-21'), '21 नव॰ 2026');
    assert.match(dayText('2026-11-21', { short: true }), /^21 नव॰$/);
    const shown = dateTimeText(1_790_000_000);
    assert.match(shown, /^\d{1,2} \S+ \d{4}, /, shown);
    assert.doesNotMatch(shown, /[\u0966-\u096F]/, 'no Devanagari digits');
  } finally {
    useLocale('en-IN');
  }
  assert.equal(dayText('2026-11-21'), '21 Nov 2026', 'back in English');
});
