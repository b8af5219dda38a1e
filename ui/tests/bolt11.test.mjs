// Unit tests for ui/js/bolt11.js: run with `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ln from '../js/bolt11.js';

// The docs' own send example (Send Payment page), 193620n = 0.00019362 BTC.
const DOC = 'lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpgxqzjhsp5uvmlp5xkteze6qmty35kuxe3j8cwzk25zsx7t9z84423peps9h9s9qyyssqp2ydxchkqceyzz4ma68kmjm58pr0pnx3anl48ajqlhfcgzqrpa0j7kxzjygdxujptkqjrkk6gxsag87yx9wcd7ugyauq45skvcg9aygqx5geqv';

test('BOLT11 amounts are read exactly from the prefix, for every multiplier', () => {
  assert.equal(ln.parseBolt11(DOC).amountBtc, '0.00019362');
  assert.equal(ln.parseBolt11(DOC).network, 'mainnet');
  assert.equal(ln.parseBolt11('lnbc2500u1pvjluezpp5qqqsyq').amountBtc, '0.00250000');
  assert.equal(ln.parseBolt11('lnbc20m1pvjluezpp5qqqsyq').amountBtc, '0.02000000');
  assert.equal(ln.parseBolt11('lnbc1500n1pvjluezpp5qqqsyq').amountBtc, '0.00000150');
  assert.equal(ln.parseBolt11('lnbc2p1pvjluezpp5qqqsyq'), null, 'a pico amount must be whole msats');
  assert.equal(ln.parseBolt11('lnbc10p1pvjluezpp5qqqsyq').amountBtc, '0.00000000001');
  assert.equal(ln.parseBolt11('lnbc21000000' + '1pvjluezpp5qqqsyq').amountBtc, '21000000.00000000');
  assert.equal(ln.parseBolt11('lnbc1pvjluezpp5qqqsyq').amountBtc, null, 'no amount: the payer chooses');
});

test('BOLT11 networks, the lightning: prefix, upper case and junk', () => {
  assert.equal(ln.parseBolt11('lntb20m1pvjluezpp5qqqsyq').network, 'testnet');
  assert.equal(ln.parseBolt11('lnbcrt5u1pvjluezpp5qqqsyq').network, 'regtest');
  assert.equal(ln.parseBolt11('lntbs5u1pvjluezpp5qqqsyq').network, 'signet');
  assert.equal(ln.parseBolt11(`lightning:${DOC}`).amountBtc, '0.00019362');
  assert.equal(ln.parseBolt11(`LIGHTNING:${DOC.toUpperCase()}`).amountBtc, '0.00019362');
  assert.equal(ln.parseBolt11(`  ${DOC.slice(0, 40)}\n${DOC.slice(40)} `).invoice, DOC, 'wrapped lines are joined');
  for (const bad of ['', 'hello', 'lnbc', 'bc1qxyz', 'lnbc1OOOO0000', 'LnBc1qqqqqqqq', 'lnxx5u1qqqqqqqq', 'lnbc05u1qqqqqq', 'lnbc5x1qqqqqq']) {
    assert.equal(ln.parseBolt11(bad), null, bad);
  }
});

test('a pasted destination is classified: invoice, lnurl, ninjatag, address', () => {
  assert.deepEqual(ln.classifyDestination(`lightning:${DOC}`),
    { kind: 'invoice', value: DOC, network: 'mainnet', amountBtc: '0.00019362' });
  assert.equal(ln.classifyDestination('LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS').kind, 'lnurl');
  assert.deepEqual(ln.classifyDestination('@satoshi_21'), { kind: 'ninjatag', value: 'satoshi_21' });
  assert.deepEqual(ln.classifyDestination('merchant'), { kind: 'ninjatag', value: 'merchant' });
  assert.equal(ln.classifyDestination('alice@getalby.com').kind, 'address');
  assert.equal(ln.classifyDestination('   ').kind, 'empty');
  assert.equal(ln.classifyDestination('lnbc1OOO').kind, 'unknown', 'a broken invoice is not a ninjatag');
  assert.equal(ln.classifyDestination('<img src=x>').kind, 'unknown');
});
