// Unit tests for ui/js/errors.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODES, KEY_PROBLEMS, explain, isUnknownOutcome } from '../js/errors.js';
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
