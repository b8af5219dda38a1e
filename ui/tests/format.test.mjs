// Unit tests for ui/js/format.js: run with `node --test ui/tests/` (make test-ui).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as f from '../js/format.js';
import { useLocale } from './catalogue.mjs';

useLocale('en-IN');

test('BTC is shown to 8 decimals, exactly', () => {
  assert.equal(f.btc('0.0001'), '0.00010000 BTC');
  assert.equal(f.btc(0.00001), '0.00001000 BTC');
  assert.equal(f.btc('21000000'), '21,000,000.00000000 BTC');
  assert.equal(f.btc('0.123456789'), '0.12345679 BTC');
  assert.equal(f.btc('not a number'), 'not a number');
});

test('sats beside BTC, exact for any number of digits', () => {
  assert.equal(f.sats('0.0001'), '10,000 sats');
  assert.equal(f.sats('1.23456789'), '12,34,56,789 sats', 'grouped like rupees');
  assert.equal(f.sats('0.00000001'), '1 sat');
  assert.equal(f.sats('0'), '0 sats');
  assert.equal(f.sats('-0.00001234'), '-1,234 sats');
  assert.equal(f.satsText(1234567n), '12,34,567 sats');
  assert.equal(f.amount('1234567', 'sats'), '12,34,567 sats');
  assert.equal(f.amount('1', 'SAT'), '1 sat');
  assert.equal(f.btcToSats('0.00000001'), 1n);
  assert.equal(f.btcToSats('0.000000001'), null, 'sub-sat amounts are refused, not rounded');
  assert.equal(f.btcToSats('20999999.99999999'), 2099999999999999n);
  assert.equal(f.satsToBtc(10000n), '0.00010000');
  assert.equal(f.satsToBtc('-5'), '-0.00000005');
});

test('the sats hint beside a typed BTC amount, and BTC with sats', () => {
  assert.equal(f.satsHint(' 0.0001 '), '= 10,000 sats');
  assert.equal(f.satsHint('0'), '', 'no amount: no hint');
  assert.equal(f.satsHint('0.000000001'), '', 'sub-sat: no hint');
  assert.equal(f.satsHint('abc'), '');
  assert.equal(f.isPositiveBtc('0.00000001'), true);
  assert.equal(f.isPositiveBtc('-1'), false);
  assert.equal(f.btcAndSats('0.0002'), '0.00020000 BTC (20,000 sats)');
  assert.equal(f.btcAndSats(null), '—');
});

test('INR uses Indian grouping', () => {
  assert.equal(f.inr('123456'), '₹1,23,456.00');
  assert.equal(f.inr('97000'), '₹97,000.00');
  assert.equal(f.inr('12345678.9'), '₹1,23,45,678.90');
  assert.equal(f.inr('999'), '₹999.00');
  assert.equal(f.inr('-1000.005'), '-₹1,000.01');
  assert.equal(f.groupIndian('1000000000'), '1,00,00,00,000');
});

test('amounts by asset, percentages', () => {
  assert.equal(f.amount('1.5', 'btc'), '1.50000000 BTC');
  assert.equal(f.amount('1500', 'INR'), '₹1,500.00');
  assert.equal(f.amount('12.5', 'USDT'), '12.50 USDT');
  assert.equal(f.amount('3', 'ETH'), '3 ETH');
  assert.equal(f.amount('1050.5', 'USD'), '$1,050.50');
  assert.equal(f.percent('12.3456'), '12.35%');
});

test('BOLT11 units move the decimal point exactly', () => {
  assert.equal(f.btcFromUnits('193620', 9), '0.00019362');
  assert.equal(f.btcFromUnits('2500', 6), '0.00250000');
  assert.equal(f.btcFromUnits('21000000', 0), '21000000.00000000');
  assert.equal(f.btcFromUnits('10', 12), '0.00000000001', 'sub-sat digits are kept');
  assert.equal(f.btcFromUnits('1000', 12), '0.000000001');
});

test('decimals compare exactly, for sorting', () => {
  assert.equal(f.compareDecimal('0.1', '0.10'), 0);
  assert.equal(f.compareDecimal('-0.00002100', '0.00000001'), -1);
  assert.equal(f.compareDecimal('20999999.99999999', '20999999.99999998'), 1, 'beyond float precision');
  assert.equal(f.compareDecimal('x', '1'), -1, 'what is not a number sorts first');
});

test('parseDecimal accepts only plain decimals', () => {
  assert.deepEqual(f.parseDecimal('1.50'), { neg: false, digits: 150n, scale: 2 });
  assert.equal(f.parseDecimal('1e5'), null, 'typed exponents are refused');
  assert.deepEqual(f.parseDecimal(1e21), { neg: false, digits: 10n ** 21n, scale: 0 });
  assert.equal(f.btc(1e-7), '0.00000010 BTC', 'JavaScript prints small numbers with an exponent');
  assert.equal(f.parseDecimal('1e'), null);
  assert.equal(f.parseDecimal(''), null);
  assert.equal(f.parseDecimal('.'), null);
  assert.equal(f.parseDecimal('1,000'), null);
});

test('times: unix seconds or ISO, relative hints', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  assert.equal(f.toDate(1700000000).getTime(), 1700000000000);
  assert.equal(f.toDate('1700000000').getTime(), 1700000000000);
  assert.equal(f.toDate(1700000000000).getTime(), 1700000000000, 'milliseconds are recognised');
  assert.equal(f.toDate('2026-11-22T11:57:00Z').getTime(), now - 180000);
  assert.equal(f.toDate(''), null);
  assert.equal(f.relative(new Date(now - 180000), now), '3 min ago');
  assert.equal(f.relative(new Date(now + 2 * 3600e3), now), 'in 2 h');
  assert.equal(f.relative(new Date(now - 3000), now), 'just now');
  assert.equal(f.relative(new Date(now - 3 * 86400e3), now), '3 days ago');
  assert.equal(f.relative(new Date(now - 86400e3), now), '1 day ago');
  assert.equal(f.relative(new Date(now - 1.6 * 86400e3), now), '2 days ago', 'plural by the number shown');
  assert.equal(f.relative(new Date(now + 86400e3), now), 'in 1 day');
  assert.match(f.localTime(now / 1000, now), /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2} (am|pm) \(just now\)$/);
  assert.equal(f.text(true), 'yes');
});

test('in Hindi: the words change, the digits stay Latin and amounts keep their units', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  useLocale('hi-IN');
  try {
    assert.equal(f.btc('0.00012345'), '0.00012345 BTC');
    assert.equal(f.sats('0.01234567'), '12,34,567 sats');
    assert.equal(f.sats('0.00000001'), '1 sat');
    assert.equal(f.sats('0'), '0 sats', 'Hindi\'s "one" form covers 0: sats has its own =0');
    assert.equal(f.inr('123456'), '₹1,23,456.00');
    assert.equal(f.relative(new Date(now - 180000), now), '3 मिनट पहले');
    assert.equal(f.relative(new Date(now - 3600e3), now), '1 घंटा पहले');
    assert.equal(f.relative(new Date(now - 3000), now), 'अभी-अभी');
    assert.equal(f.text(false), 'नहीं');
    const shown = f.localTime(now / 1000, now);
    assert.match(shown, /^\d{1,2} \S+ 2026, /, shown);
    assert.doesNotMatch(shown, /[\u0966-\u096F]/, 'no Devanagari digits');
  } finally {
    useLocale('en-IN');
  }
});

test('countdowns and status tones', () => {
  assert.equal(f.countdown(598), '9:58');
  assert.equal(f.countdown(3723), '1:02:03');
  assert.equal(f.countdown(-4), '0:00');
  assert.equal(f.statusTone('PAID'), 'ok');
  assert.equal(f.statusTone('expired'), 'bad');
  assert.equal(f.statusTone('pending'), 'wait');
  assert.equal(f.statusTone('stillPending'), 'wait');
  assert.equal(f.statusTone('Still pending'), 'wait');
  assert.equal(f.statusTone('something_new'), 'neutral');
  assert.equal(f.humanise('fully_redeemed'), 'Fully redeemed');
  assert.equal(f.humanise('redeemedAt'), 'Redeemed at');
});
