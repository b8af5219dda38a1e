// Widget tokens: request a token for Ninjapay's onramp (a customer pays you BTC) or offramp
// (you pay BTC out to a customer) widget, and check a token by its tid. A new token is watched
// by Rust until paid/declined; its live status comes from state.watches.
import { api } from '../ipc.js';
import { fill, h } from '../dom.js';
import { allFields, badge, busy, copyButton, describedBy, fieldError, fieldList, labelled, qrCode } from '../components.js';
import { confirmDialog } from '../confirm.js';
import { explain } from '../errors.js';
import { errorBox, showFailure } from '../error-banner.js';
import { btc, btcAndSats, localTime, relative, sats, satsHint, text } from '../format.js';
import { adminKeyNote } from '../admin-note.js';
import { has, t, tn } from '../i18n.js';
import { term } from '../glossary.js';
import { externalLink } from '../links.js';
import { lookupPanel } from '../lookup-panel.js';
import { writeGuard } from '../outcome.js';
import { requestFrom, reviewForm } from '../review.js';
import { findWatch, watchTone } from '../watches.js';

const SHOWN = [
  'token', 'tid', 'widget_mode', 'amount', 'status', 'created_at', 'order_id', 'callback_url', 'callback_status',
  'hosted_checkout_url', 'hosted_checkout_expiry', 'uri', 'lightning_invoice', 'fiat_value', 'fiat_currency',
  'description', 'total_fee', 'payment_mode', 'wallet',
];

/** A token's status as a badge, in words from the catalogue where it has them. */
function statusBadge(status, label = null) {
  const key = `widget.status.${String(status ?? '').toLowerCase()}`;
  return badge(status, label ?? (has(key) ? t(key) : null));
}

function watchLine(w, testid) {
  if (!w) return null;
  return h('p', { class: 'watch-line', dataset: { testid, status: w.status } },
    `${t(w.final ? 'widget.watch.ended' : 'widget.watch.live')} `,
    statusBadge(watchTone(w.status)),
    w.rawStatus && w.rawStatus !== w.status ? ` ${t('widget.watch.ninjapay_says', { status: w.rawStatus })}` : '',
    w.error ? ` · ${t('widget.watch.failed', { message: w.error.message })}` : '',
    w.nextCheckAt && !w.final ? ` · ${t('widget.watch.next', { when: relative(w.nextCheckAt) })}` : '',
    ` · ${w.lastCheckedAt ? t('widget.watch.checked', { when: relative(w.lastCheckedAt) }) : t('widget.watch.not_checked')}`);
}

/** Something to open or pay: the hosted checkout page, and the invoice / LNURL. */
function payTargets(d) {
  const out = [];
  if (d?.hosted_checkout_url) out.push({ label: t('widget.targets.checkout'), value: d.hosted_checkout_url, link: true });
  const pr = d?.lightning_invoice?.payreq;
  if (pr) {
    const type = t(d.lightning_invoice.lightning_invoice_type === 'lnurl' ? 'widget.targets.lnurl' : 'widget.targets.invoice');
    out.push({ label: type, value: pr, qr: d.uri || `lightning:${pr}` });
  } else if (d?.uri) {
    out.push({ label: t('widget.targets.uri'), value: d.uri, qr: d.uri });
  }
  return out;
}

/** What to open or pay for token `d`; `whose` ("new token") tells its copy buttons from others. */
function targetsBlock(d, prefix, whose) {
  const targets = payTargets(d);
  if (!targets.length) return null;
  const qrFor = targets.find((x) => x.qr) ?? targets[0];
  return h('div', { class: 'pay-box' },
    qrCode(qrFor.qr ?? qrFor.value, { size: 180, label: t('widget.targets.qr', { what: qrFor.label }) }),
    h('div', { class: 'pay-targets' }, targets.map((x) => h('div', { class: 'pay-target', dataset: { testid: `${prefix}-${x.link ? 'url' : 'payreq'}` } },
      h('div', { class: 'hint', text: x.label }),
      x.link ? externalLink(x.value, x.value, { class: 'mono wrap' }) : h('code', { class: 'wrap', text: x.value }),
      h('div', { class: 'row tight' }, copyButton(x.value, t('widget.copy'), { context: t('widget.targets.context', { what: x.label, whose }) }))))));
}

/** The token form: {card, update(state)}; `onCreated(tid, request)` once a token is made. */
function tokenForm(onCreated) {
  const modeOn = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-onramp', value: 'onramp', checked: true });
  const modeOff = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-offramp', value: 'offramp' });
  const modeSet = h('fieldset', { class: 'form-row radios', id: 'token-mode' },
    h('legend', { text: t('widget.form.mode') }),
    h('div', { class: 'control' },
      h('label', { for: modeOn.id }, modeOn, ` ${t('widget.form.onramp')}`),
      h('label', { for: modeOff.id }, modeOff, ` ${t('widget.form.offramp')}`)));
  const amountIn = h('input', { id: 'token-amount', name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.0005' });
  const satsNote = h('span', { id: 'token-amount-sats', class: 'hint' });
  amountIn.addEventListener('input', () => { satsNote.textContent = satsHint(amountIn.value); });
  const orderIn = h('input', { id: 'token-order-id', name: 'order_id', type: 'text', autocomplete: 'off', placeholder: t('widget.form.order_placeholder') });
  const cbIn = h('input', { id: 'token-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: t('widget.form.callback_placeholder') });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'token-request' }, t('widget.form.submit'));
  const banner = errorBox({ id: 'token-form-error' });
  const keyNote = adminKeyNote('requestToken', 'token-key-note');
  const guard = writeGuard('token');
  const form = h('form', { id: 'token-form', novalidate: true },
    modeSet,
    labelled(t('widget.form.amount'), amountIn, t('widget.form.amount_hint')),
    labelled(t('widget.fields.order_id'), orderIn),
    labelled(t('widget.form.callback'), cbIn, t('widget.form.callback_hint')),
    h('div', { class: 'row end' }, submit));
  amountIn.insertAdjacentElement('afterend', satsNote);
  describedBy(amountIn, satsNote.id);
  const fields = { widget_mode: modeOn, amount: amountIn, order_id: orderIn, callback_url: cbIn };
  form.addEventListener('input', (e) => { if (e.target.getAttribute?.('aria-invalid')) fieldError(e.target, null); });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const request = requestFrom({
        widget_mode: modeOff.checked ? 'offramp' : 'onramp',
        amount: amountIn.value, order_id: orderIn.value, callback_url: cbIn.value,
      });
      if (!(await reviewForm('requestToken', request, { form, fields, banner })).ok) return;
      if (!(await guard.mayRetry())) return;
      const off = request.widget_mode === 'offramp';
      const ok = await confirmDialog({
        title: t(off ? 'widget.confirm.title_offramp' : 'widget.confirm.title_onramp', { amount: btc(request.amount) }),
        lines: [
          h('p', { class: 'big-amount', text: btcAndSats(request.amount) }),
          off
            ? t('widget.confirm.offramp', { amount: btc(request.amount), sats: sats(request.amount) })
            : t('widget.confirm.onramp', { amount: btc(request.amount), sats: sats(request.amount) }),
          request.order_id ? t('widget.confirm.order_id', { id: request.order_id }) : t('widget.confirm.no_order_id'),
          request.callback_url ? t('widget.confirm.callback', { url: request.callback_url }) : t('widget.confirm.no_callback'),
          t('widget.confirm.once'),
        ],
        confirmLabel: t(off ? 'widget.confirm.label_offramp' : 'widget.confirm.label_onramp'),
      });
      if (!ok) return;
      try {
        const r = await guard.run(() => api.requestToken(request), {
          again: t(off ? 'widget.confirm.again_offramp' : 'widget.confirm.again_onramp', { amount: btc(request.amount) }),
          retry: t('widget.confirm.retry'),
          check: { balance: t('widget.confirm.check_balance') },
        });
        if (r.value) onCreated(String(r.value.token), request);
      } catch (err) {
        showFailure(err, { banner, fields });
      }
    });
  });

  const card = h('section', { class: 'card', 'aria-labelledby': 'token-new-title' },
    h('h2', { id: 'token-new-title', text: t('widget.form.title') }), keyNote.el, banner, guard.el, form);
  return { card, update: keyNote.update };
}

export function mount(section, ctx) {
  let lastState = ctx?.state ?? null;
  const result = h('div', { class: 'card', id: 'token-result', dataset: { testid: 'token-result' }, hidden: true });
  let created = null; // {tid, request, detail, detailError}
  let createdSeen = null; // status|final the result was drawn for
  let createdLineSeen = null; // the watch line, redrawn on each check (the QR stays put)
  const createdWatchBox = h('div', { id: 'token-watch-box' });

  const form = tokenForm(async (tid, request) => {
    created = { tid, request, detail: null };
    renderCreated();
    result.querySelector('h2')?.focus();
    // One read for what the customer opens or pays (checkout URL, invoice / LNURL).
    try {
      created.detail = await api.checkToken(tid);
    } catch (err) {
      created.detailError = err;
    }
    renderCreated();
  });

  function renderCreated() {
    if (!created) return;
    const w = findWatch(lastState, 'token', created.tid);
    createdSeen = w ? `${w.status}|${w.final}` : null;
    createdLineSeen = w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}` : null;
    fill(createdWatchBox, watchLine(w, 'token-watch') ?? h('p', { class: 'hint', text: t('widget.watch.starts') }));
    const { request } = created;
    const details = h('button', { type: 'button' }, t('widget.show_details'));
    details.addEventListener('click', () => panel.open(created.tid));
    fill(result,
      h('div', { class: 'detail-head' },
        h('h2', { tabindex: '-1', text: t(request.widget_mode === 'offramp' ? 'widget.created.title_offramp' : 'widget.created.title_onramp', { tid: created.tid }) }),
        badge('created', t('widget.created.badge'))),
      createdWatchBox,
      fieldList([
        [t('widget.fields.token'), 'token', h('span', { class: 'row tight' }, h('code', { text: created.tid }),
          copyButton(created.tid, t('widget.copy'), { context: t('widget.created.context') }))],
        [t('widget.fields.amount'), 'amount', btcAndSats(request.amount)],
        [t('widget.fields.order_id'), 'order_id', text(request.order_id)],
      ]),
      created.detail && !w?.final ? targetsBlock(created.detail, 'token-created', t('widget.created.whose')) : null,
      created.detailError ? h('p', { class: 'hint', text: t('widget.created.detail_error', { error: explain(created.detailError) }) }) : null,
      h('div', { class: 'row actions' }, details),
    );
    result.hidden = false;
  }

  const panel = lookupPanel({
    id: 'token', kind: 'token', noun: 'token',
    label: t('widget.check.label'), placeholder: t('widget.check.placeholder'), button: t('widget.check.button'),
    errorId: 'token-check-error', result: { id: 'token-detail', class: 'card', testid: 'token-detail' },
    fetch: (tid) => api.checkToken(tid),
    tidOf: (d, tid) => d.token ?? d.tid ?? tid,
    render: renderDetail,
  });

  function renderDetail(d) {
    const tid = String(d.token ?? d.tid ?? panel.input.value.trim());
    // Rust's figures: an offramp record's amount is negative (money going out).
    const mode = d.widget_mode ?? (d.figures?.direction === 'out' ? 'offramp' : null);
    const amt = d.figures?.amount;
    const fee = d.total_fee ?? {};
    const notStarted = d.status === 'undefined' ? t('widget.check.not_started') : null;
    const status = statusBadge(d.status, notStarted);
    const fees = [
      fee.network_fee && t('widget.check.fee_network', { fee: fee.network_fee }),
      fee.service_fee && t('widget.check.fee_service', { fee: fee.service_fee }),
      fee.gst_fee && t('widget.check.fee_gst', { fee: fee.gst_fee }),
    ];
    const rows = [
      [t('widget.fields.token'), 'token', h('span', { class: 'row tight' }, h('code', { text: tid }),
        copyButton(tid, t('widget.copy'), { context: t('widget.check.context') }))],
      [t('widget.check.mode'), 'widget_mode', mode ? badge('neutral', t(mode === 'offramp' ? 'widget.check.mode_offramp' : 'widget.check.mode_onramp')) : '—'],
      [t('widget.check.status'), 'status', status],
      [t('widget.fields.amount'), 'amount', amt ? btcAndSats(amt) : '—'],
      [t('widget.check.fiat_value'), 'fiat_value', d.fiat_value ? `${text(d.fiat_value)} ${text(d.fiat_currency)}` : '—'],
      [t('widget.check.created'), 'created_at', localTime(d.created_at)],
      [t('widget.fields.order_id'), 'order_id', text(d.order_id)],
      [t('widget.check.description'), 'description', text(d.description)],
      [t('widget.check.callback'), 'callback_url', d.callback_url
        ? `${d.callback_url}${d.callback_status ? ` ${t('widget.check.answered', { status: d.callback_status })}` : ''}` : '—'],
      [t('widget.check.checkout_expires'), 'hosted_checkout_expiry', d.hosted_checkout_expiry ? localTime(d.hosted_checkout_expiry) : '—'],
      [t('widget.check.invoice_expires'), 'lightning_invoice.expires_at', d.lightning_invoice?.expires_at ? localTime(d.lightning_invoice.expires_at) : '—'],
      [t('widget.check.fees'), 'total_fee', fees.filter(Boolean).join(' · ') || '—'],
    ];
    const final = ['paid', 'declined', 'expired'].includes(String(d.status));
    panel.result.dataset.status = String(d.status ?? '');
    return [
      h('div', { class: 'detail-head' }, h('h2', { text: t('widget.check.title', { tid }) }), statusBadge(d.status, notStarted)),
      watchLine(panel.watch(), 'token-detail-watch'),
      fieldList(rows),
      final ? null : targetsBlock(d, 'token-detail', t('widget.check.whose')),
      h('div', { class: 'row actions' }, panel.againButton('token-refresh'), final ? null : panel.watchButton('token-watch-start', t('widget.watch_until_paid'))),
      allFields(d, SHOWN.concat(['lightning_invoice.payreq'])),
    ];
  }

  section.append(
    h('h1', { text: t('widget.title') }),
    h('p', { class: 'hint' }, ...tn('widget.intro', { token: term('widget_token', t('widget.token_word')) })),
    h('div', { class: 'widget-layout' },
      form.card,
      h('div', {},
        result,
        h('section', { class: 'card', 'aria-labelledby': 'token-check-title' },
          h('h2', { id: 'token-check-title', text: t('widget.check.heading') }), panel.form, panel.banner),
        panel.result)),
  );

  return {
    update(state) {
      lastState = state;
      form.update(state);
      if (created) {
        const w = findWatch(state, 'token', created.tid);
        const key = w ? `${w.status}|${w.final}` : null;
        const line = w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}` : null;
        if (key !== createdSeen) {
          renderCreated();
        } else if (line !== createdLineSeen) {
          createdLineSeen = line;
          fill(createdWatchBox, watchLine(w, 'token-watch'));
        }
      }
      panel.update(state);
    },
    open: (tid) => panel.open(tid),
  };
}
