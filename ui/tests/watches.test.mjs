// Unit tests for ui/js/watches.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND_LABEL, MODE_NAME, STATUS, finalWords, findWatch, isActive, pausedText, sameAccount, watchTone } from '../js/watches.js';
import { useLocale } from './catalogue.mjs';

useLocale('en-IN');

const live = { mode: 'live', apiUrl: 'https://api.ninjapay.me', prodUrl: 'https://prod.ninjapay.me' };
const sandbox = { mode: 'sandbox' };
const w = (id, extra) => ({ id, kind: 'payment', tid: 'T1', startedAt: 100, final: false, ...extra });
const state = (list, account) => ({ status: account ? { account } : null, watches: new Map(list.map((x) => [x.id, x])) });

test('the newest watch of a kind and tid: latest started, then highest id', () => {
  const s = state([w(1, { startedAt: 300 }), w(2, { startedAt: 200 }), w(3, { startedAt: 300 }), w(4, { tid: 'T2', startedAt: 900 })]);
  assert.equal(findWatch(s, 'payment', 'T1').id, 3);
  assert.equal(findWatch(s, 'voucher', 'T1'), null);
  assert.equal(findWatch(s, 'payment', 'nope'), null);
  assert.equal(findWatch(null, 'payment', 'T1'), null);
});

test('a tid is matched as text (the API sends numbers or strings)', () => {
  const s = state([w(1, { tid: '198660213997' })]);
  assert.equal(findWatch(s, 'payment', 198660213997).id, 1);
});

test('only the current account’s watches: a Sandbox watch is never shown for Live', () => {
  const s = state([w(1, { account: sandbox, startedAt: 500, paused: true }), w(2, { account: live, startedAt: 100 })], live);
  assert.equal(findWatch(s, 'payment', 'T1').id, 2);
  const other = state([w(1, { account: sandbox })], live);
  assert.equal(findWatch(other, 'payment', 'T1'), null);
  const elsewhere = state([w(1, { account: { ...live, apiUrl: 'https://other.example' } })], live);
  assert.equal(findWatch(elsewhere, 'payment', 'T1'), null, 'another live server is another account');
});

test('accounts, tones and paused words', () => {
  assert.equal(sameAccount(sandbox, { mode: 'sandbox' }), true);
  assert.equal(sameAccount(live, { ...live }), true);
  assert.equal(sameAccount(live, sandbox), false);
  assert.equal(watchTone('stillPending'), 'still_pending');
  assert.equal(watchTone('paid'), 'paid');
  assert.equal(pausedText({ account: sandbox }), 'Paused — made in Sandbox mode; checked again when you switch back');
  assert.equal(isActive({ final: false, paused: true }), false);
  assert.equal(isActive({ final: false }), true);
});

test('a watch turning final is said in words: kind, short tid, status, amount in sats', () => {
  const paid = w(1, { tid: '2951AB77XY', status: 'paid', final: true, amount: { value: '0.00012345', currency: 'BTC' } });
  assert.equal(finalWords(paid), 'Lightning payment 2951… paid: 12,345 sats.');
  const quote = w(2, { kind: 'quote', tid: '198660213997', status: 'success', amount: null, fiat: { value: '1500', currency: 'INR' } });
  assert.equal(finalWords(quote), 'Bridge quote 1986… completed: ₹1,500.00.');
  assert.equal(finalWords(w(3, { kind: 'order', tid: 'AB12', status: 'stillPending' })), 'Order AB12 still pending after 10 minutes.');
});

test('in Hindi: kinds, statuses and modes follow the language chosen after loading', () => {
  useLocale('hi-IN');
  try {
    const paid = w(1, { tid: '2951AB77XY', status: 'paid', final: true, amount: { value: '0.01234567', currency: 'BTC' } });
    assert.equal(finalWords(paid), 'Lightning भुगतान 2951…: भुगतान हो गया, 12,34,567 sats।');
    assert.equal(KIND_LABEL.voucher, 'वाउचर बैच');
    assert.deepEqual(Object.keys(KIND_LABEL), ['payment', 'token', 'quote', 'voucher', 'order']);
    assert.deepEqual(STATUS.redeemed, ['fully_redeemed', 'पूरा भुनाया गया']);
    assert.equal(MODE_NAME.live, 'लाइव');
    assert.match(pausedText({ account: live }), /^रुका हुआ — लाइव मोड में/);
  } finally {
    useLocale('en-IN');
  }
  assert.equal(KIND_LABEL.voucher, 'Voucher batch');
});
