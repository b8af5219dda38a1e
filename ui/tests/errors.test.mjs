// Unit tests for ui/js/errors.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODES, KEY_PROBLEMS, explain, isUnknownOutcome, problemText } from '../js/errors.js';
import { useLocale } from './catalogue.mjs';

useLocale('en-IN');

test('every key problem is a known code, and keychain_unavailable is one', () => {
  for (const code of KEY_PROBLEMS) assert.ok(CODES.includes(code), code);
  assert.ok(KEY_PROBLEMS.has('keychain_unavailable'));
  assert.ok(KEY_PROBLEMS.has('key_missing'));
});

test('errors are explained in words, keeping the server’s own', () => {
  assert.match(explain({ code: 'key_missing', message: 'no key' }), /Settings.*\(no key\)$/);
  assert.match(explain({ code: 'server', message: 'boom' }), /^Ninjapay had a problem: boom$/);
  assert.match(explain({ code: 'redirect', message: 'to evil.example' }), /never follows.*evil\.example/);
  assert.equal(explain({ code: 'validation', message: 'amount must be more than 0 BTC' }), 'amount must be more than 0 BTC');
  assert.equal(isUnknownOutcome({ code: 'outcome_unknown', cause: 'timeout' }), true);
  assert.equal(isUnknownOutcome({ code: 'timeout' }), false);
});

test('a rule the client caught is said in the page language, with its values', () => {
  const p = { code: 'validation', field: 'voucher_count', rule: 'voucher_count', args: { max: '100' },
    message: 'voucher_count must be a whole number from 1 to 100' };
  assert.equal(problemText(p), p.message, 'the English template makes the same words as Rust');
  useLocale('hi-IN');
  try {
    assert.equal(problemText(p), 'voucher_count 1 से 100 तक की पूरी संख्या होनी चाहिए');
    assert.equal(explain(p), problemText(p));
    // The server's own refusal has no rule: its words are shown as they came.
    assert.equal(problemText({ code: 'validation', message: 'Ninjapay refused: bad amount' }), 'Ninjapay refused: bad amount');
    // An unknown rule (a newer client) falls back to the message.
    assert.equal(problemText({ rule: 'from_the_future', message: 'as sent' }), 'as sent');
  } finally {
    useLocale('en-IN');
  }
});
