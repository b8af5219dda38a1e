// Unit tests for ui/js/quote.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as b from '../js/quote.js';
import { useLocale } from './catalogue.mjs';

useLocale('en-IN');

test('amounts and the pay sentence are exact', () => {
  assert.equal(b.cryptoAmount('0.00020000', 'btc'), '0.00020000 BTC (20,000 sats)');
  assert.equal(b.cryptoAmount('11.77', 'usdt'), '11.77 USDT');
  assert.equal(b.payPhrase({ sending_asset: 'btc', sending_asset_amount: '0.0002', fiat_amount: '1000', receiver_upi_id: 'shop@okaxis' }),
    'You pay 0.00020000 BTC (20,000 sats) to deliver ₹1,000.00 to UPI shop@okaxis.');
  assert.equal(b.destinationText({ receiver_ninjatag: 'satoshi' }), 'ninjatag @satoshi');
});

test('in Hindi the same amounts fill the sentence, in Latin digits', () => {
  useLocale('hi-IN');
  try {
    const phrase = b.payPhrase({ sending_asset: 'btc', sending_asset_amount: '0.0002', fiat_amount: '123456', receiver_upi_id: 'shop@okaxis' });
    assert.ok(phrase.includes('0.00020000 BTC'), phrase);
    assert.ok(phrase.includes('₹1,23,456.00'), phrase);
    assert.ok(phrase.includes('UPI shop@okaxis'), phrase);
    assert.match(phrase, /[\u0900-\u097F]/, 'the words are Hindi');
    assert.doesNotMatch(b.quoteState('expired').label, /[A-Za-z]/);
  } finally {
    useLocale('en-IN');
  }
});

test('quote states from both documented schemas and the watcher', () => {
  assert.deepEqual(b.quoteState('success'), { status: 'completed', label: 'Completed — INR sent', final: true });
  assert.equal(b.quoteState('Completed').status, 'completed');
  assert.equal(b.quoteState('Failed').final, true);
  assert.equal(b.quoteState('refunded').final, true);
  assert.equal(b.quoteState('expired').final, true);
  assert.equal(b.quoteState('Pending').final, false);
  assert.equal(b.quoteState('stillPending').status, 'still_pending');
});

test('seconds left to expiry', () => {
  assert.equal(b.secondsLeft(1000, 940_000), 60);
  assert.equal(b.secondsLeft(1000, 1_000_000), 0);
  assert.ok(b.secondsLeft(1000, 1_002_000) < 0, 'negative once past');
  assert.equal(b.secondsLeft(null), null);
});
