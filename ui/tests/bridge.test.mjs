// Unit tests for ui/js/bridge-form.js (quote and widget-token forms): `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as b from '../js/bridge-form.js';

const good = {
  fiat_amount: '1500', receiver_upi_id: 'shop@okaxis', receiver_ninjatag: '',
  sending_asset: 'btc', pay_with: 'lightning', refund_wallet: 'lbtc', callback_url: '',
};

test('a good quote form becomes the Request Quote ID body, amount as a decimal string', () => {
  const r = b.validateQuoteForm(good);
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.request, {
    fiat_amount: '1500', payment_mode: 'upi', receiver_upi_id: 'shop@okaxis',
    sending_asset: 'btc', refund_wallet: 'lbtc',
  });
  assert.equal(r.payWith, 'lightning');
  assert.equal(r.callbackUrl, null);
});

test('INR: at most 97,000, more than 0, 2 decimals; grouping and ₹ are accepted', () => {
  assert.equal(b.checkInr('97000').value, '97000');
  assert.equal(b.checkInr('97,000.00').value, '97000.00');
  assert.equal(b.checkInr('₹ 1,23.5').value, '123.5');
  assert.match(b.checkInr('97000.01').error, /At most ₹97,000\.00 per quote/);
  assert.match(b.checkInr('97001').error, /you entered ₹97,001\.00/);
  assert.match(b.checkInr('0').error, /more than ₹0/);
  assert.match(b.checkInr('-5').error, /more than ₹0/);
  assert.match(b.checkInr('10.005').error, /2 decimals/);
  assert.match(b.checkInr('ten').error, /rupees/);
  assert.match(b.checkInr('').error, /Enter/);
  // No float rounding at the limit.
  assert.match(b.checkInr('97000.000000000000001').error, /decimals|At most/);
});

test('the receiver is a UPI id or a ninjatag, exactly one of the two', () => {
  assert.match(b.validateQuoteForm({ ...good, receiver_upi_id: '' }).errors.receiver_upi_id, /Who receives/);
  assert.match(b.validateQuoteForm({ ...good, receiver_ninjatag: 'satoshi' }).errors.receiver_upi_id, /not both/);
  assert.match(b.validateQuoteForm({ ...good, receiver_upi_id: 'shop' }).errors.receiver_upi_id, /name@bank/);
  const tag = b.validateQuoteForm({ ...good, receiver_upi_id: '', receiver_ninjatag: '@satoshi' });
  assert.deepEqual(tag.errors, {});
  assert.equal(tag.request.payment_mode, 'ninjatag');
  assert.equal(tag.request.receiver_ninjatag, 'satoshi');
  assert.equal(tag.request.receiver_upi_id, undefined);
  assert.match(b.validateQuoteForm({ ...good, receiver_upi_id: '', receiver_ninjatag: 'a b' }).errors.receiver_ninjatag, /ninjatag/);
});

test('USDT is paid on-chain only; BTC over Lightning or on-chain', () => {
  assert.match(b.validateQuoteForm({ ...good, sending_asset: 'usdt', pay_with: 'lightning', refund_wallet: 'usdt' }).errors.pay_with, /on-chain only/);
  assert.deepEqual(b.validateQuoteForm({ ...good, sending_asset: 'usdt', pay_with: 'onchain', refund_wallet: 'usdt' }).errors, {});
  assert.deepEqual(b.validateQuoteForm({ ...good, pay_with: 'onchain' }).errors, {});
  assert.match(b.validateQuoteForm({ ...good, sending_asset: 'eth' }).errors.sending_asset, /BTC or USDT/);
  assert.match(b.validateQuoteForm({ ...good, refund_wallet: 'eth' }).errors.refund_wallet, /lbtc/);
});

test('several errors are reported at once, each on its own field', () => {
  const r = b.validateQuoteForm({ ...good, fiat_amount: '100000', receiver_upi_id: 'x', callback_url: 'ftp://x' });
  assert.deepEqual(Object.keys(r.errors).sort(), ['callback_url', 'fiat_amount', 'receiver_upi_id']);
  assert.equal(r.request, undefined);
});

test('token form: mode, BTC amount to 8 decimals, optional order id and URL', () => {
  const r = b.validateTokenForm({ widget_mode: 'onramp', amount: '0.0005', order_id: ' 42 ', callback_url: 'https://shop.example/hook' });
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.request, { widget_mode: 'onramp', amount: '0.0005', order_id: '42', callback_url: 'https://shop.example/hook' });
  assert.deepEqual(b.validateTokenForm({ widget_mode: 'offramp', amount: '1' }).request, { widget_mode: 'offramp', amount: '1' });
  assert.match(b.validateTokenForm({ widget_mode: 'onramp', amount: '0.000000001' }).errors.amount, /8 decimals/);
  assert.match(b.validateTokenForm({ widget_mode: 'onramp', amount: '0' }).errors.amount, /more than 0/);
  assert.match(b.validateTokenForm({ widget_mode: 'sideways', amount: '1' }).errors.widget_mode, /onramp/);
  assert.match(b.validateTokenForm({ widget_mode: 'onramp', amount: '1', callback_url: 'nope' }).errors.callback_url, /http/);
});

test('amounts and the pay sentence are exact', () => {
  assert.equal(b.cryptoAmount('0.00020000', 'btc'), '0.00020000 BTC (20,000 sats)');
  assert.equal(b.cryptoAmount('11.77', 'usdt'), '11.77 USDT');
  assert.equal(b.payPhrase({ sending_asset: 'btc', sending_asset_amount: '0.0002', fiat_amount: '1000', receiver_upi_id: 'shop@okaxis' }),
    'You pay 0.00020000 BTC (20,000 sats) to deliver ₹1,000.00 to UPI shop@okaxis.');
  assert.equal(b.destinationText({ receiver_ninjatag: 'satoshi' }), 'ninjatag @satoshi');
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
