// A voucher batch looked up by tid: every code, who redeemed it and when, the totals and state
// (figures from Rust, never computed here), CSV export (written by Rust), print, revoke and
// redeem. It follows the batch's background watch, so codes redeemed meanwhile show up without
// pressing Refresh.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { allFields, badge, busy, copyButton, fieldList, sortableTable } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { explain } from '../../errors.js';
import { errorBanner } from '../../error-banner.js';
import { announce } from '../../announce.js';
import { btc, btcAndSats, localTime, sats, text } from '../../format.js';
import { writeGuard } from '../../outcome.js';
import { findWatch } from '../../watches.js';
import { codesOf, printCards } from './print.js';
import { redeemCard } from './redeem.js';

const SHOWN = ['tid', 'title', 'from', 'created_at', 'expires_at', 'amount', 'voucher_count', 'voucher_redeemed',
  'voucher_static_url', 'voucher_urls', 'revoked', 'revoked_at', 'receiver_email', 'email_status',
  'callback_url', 'unique_design_url', 'figures'];

const watchSig = (w) => (w ? `${w.status}|${w.rawStatus}` : null);

function shortText(value, context) {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value);
  if (s.length <= 30) return h('span', { class: 'mono', dataset: { full: s }, text: s });
  return h('span', { class: 'with-copy' },
    h('span', { class: 'mono', title: s, dataset: { full: s }, text: `${s.slice(0, 18)}…${s.slice(-6)}` }), ' ', copyButton(s, t('vouchers.copy'), { context }));
}

function webhook(status) {
  if (status === null || status === undefined) return '—';
  const n = Number(status);
  return badge(n >= 200 && n < 300 ? 'ok' : 'failed', `HTTP ${n}`); // i18n-ignore
}

const withCopy = (value, context) => (value
  ? h('span', { class: 'with-copy' }, h('span', { class: 'mono', text: String(value) }), ' ', copyButton(value, t('vouchers.copy'), { context }))
  : text(value));

/** The detail panel: {el, show(tid), tid(), data(), update(state)}; errors go to `banner`. */
export function detailPanel(banner) {
  const el = h('div', { id: 'voucher-detail', dataset: { testid: 'voucher-detail' }, hidden: true });
  const revokeGuard = writeGuard('voucher-revoke');
  const redeemGuard = writeGuard('voucher-redeem');
  let lastState = null;
  const current = { tid: null, data: null, loading: null, again: false, watchSig: null, sort: null, redeemed: null, exported: null };

  async function load(tid, { quiet = false } = {}) {
    if (current.loading) {
      if (tid === current.tid) { current.again = true; return current.loading; }
      await current.loading.catch(() => {});
    }
    const run = (async () => {
      if (!quiet) el.dataset.state = 'loading';
      try {
        const v = await api.checkVoucher(tid);
        if (tid !== current.tid) return;
        current.data = v;
        errorBanner(banner, null);
        render(v);
        el.dataset.state = 'loaded';
        if (!quiet) {
          announce(t(v.figures.state === 'revoked' ? 'vouchers.detail.loaded_revoked' : 'vouchers.detail.loaded',
            { tid, title: v.title || t('vouchers.detail.untitled'), redeemed: v.figures.redeemed_count, count: v.figures.count }));
        }
      } catch (e) {
        if (tid !== current.tid) return;
        errorBanner(banner, e, { focus: !quiet });
        if (!current.data) {
          el.hidden = true;
          el.replaceChildren();
          el.dataset.state = 'error';
        } else {
          el.dataset.state = 'loaded';
        }
      }
    })();
    current.loading = run;
    try {
      await run;
    } finally {
      current.loading = null;
      if (current.again) {
        current.again = false;
        load(current.tid, { quiet: true });
      }
    }
  }

  const reload = () => load(current.tid, { quiet: true });

  function exportButton(v) {
    const btn = h('button', { type: 'button', id: 'voucher-export', dataset: { testid: 'voucher-export' } }, t('vouchers.detail.export_csv'));
    const note = h('span', { class: 'hint export-note', role: 'status', dataset: { testid: 'voucher-export-result' } });
    const say = ({ path }) => {
      note.textContent = path ? t('vouchers.detail.saved_to', { path }) : t('vouchers.detail.export_cancelled');
      note.dataset.path = path ?? '';
    };
    btn.addEventListener('click', () => busy(btn, async () => {
      note.textContent = '';
      try {
        // Rust writes the batch last looked up; the offset is for the local-time column.
        const path = await api.exportVoucherCsv(String(v.tid), -new Date().getTimezoneOffset());
        current.exported = { tid: String(v.tid), path: path ?? '' };
        say(current.exported);
      } catch (e) {
        errorBanner(banner, e);
      }
    }));
    // Still say where the last export went after a refresh.
    if (current.exported?.tid === String(v.tid)) say(current.exported);
    return [btn, note];
  }

  async function revoke(v, btn) {
    const f = v.figures;
    if (!(await revokeGuard.mayRetry())) return;
    const ok = await confirmDialog({
      title: t('vouchers.detail.revoke.title'),
      lines: [
        h('p', {}, tn('vouchers.detail.revoke.batch', {
          title: h('strong', { text: `“${v.title || t('vouchers.untitled_batch')}”` }), tid: h('span', { class: 'mono', text: `(${v.tid})` }),
        })),
        h('p', { class: 'big-amount', text: t('vouchers.detail.revoke.outstanding', { amount: btcAndSats(f.outstanding_value) }) }),
        t('vouchers.detail.revoke.codes_stop', { count: f.open_count }),
      ],
      confirmLabel: t('vouchers.detail.revoke.button'),
      danger: true,
    });
    if (!ok) return;
    await busy(btn, async () => {
      try {
        const r = await revokeGuard.run(() => api.revokeVoucher(String(v.tid)), {
          again: t('vouchers.detail.revoke.again'), retry: t('vouchers.detail.revoke.retry'),
          check: { recheck: { label: t('vouchers.check_again'), run: () => load(String(v.tid)) } },
        });
        if (r.unknown) return;
      } catch (e) {
        errorBanner(banner, e, { focus: true });
        return;
      }
      await load(String(v.tid));
    });
  }

  function codesTable(codes, state) {
    const rows = codes.map((c) => ({ ...c, state: c.redeemed ? 'redeemed' : state === 'revoked' ? 'revoked' : 'open' }));
    const table = sortableTable({
      id: 'voucher-codes',
      rows,
      empty: t('vouchers.detail.codes.empty'),
      columns: [
        { key: 'code', label: t('vouchers.detail.codes.code'), render: (r) => h('span', { class: 'mono', text: r.code }) },
        { key: 'voucher_url', label: t('vouchers.detail.codes.link'), render: (r) => h('span', { class: 'with-copy' }, h('span', { class: 'mono url', text: r.voucher_url }), ' ', copyButton(r.voucher_url, t('vouchers.copy'), { context: t('vouchers.detail.codes.link_context', { code: r.code }) })) },
        { key: 'state', label: t('vouchers.detail.codes.state'), render: (r) => badge(r.state) },
        { key: 'redeemed_by', label: t('vouchers.detail.codes.redeemed_by'), render: (r) => shortText(r.redeemed_by, t('vouchers.detail.codes.redeemer_context', { code: r.code })) },
        { key: 'redeemed_tid', label: t('vouchers.detail.codes.redeem_tid'), render: (r) => h('span', { class: 'mono', text: text(r.redeemed_tid) }) },
        { key: 'redeemed_at', label: t('vouchers.detail.codes.redeemed_at'), type: 'date', render: (r) => (r.redeemed_at ? localTime(r.redeemed_at) : '—') },
        { key: 'callback_status', label: t('vouchers.detail.codes.webhook'), type: 'number', render: (r) => webhook(r.callback_status) },
      ],
    });
    table.dataset.testid = 'voucher-codes';
    // Keep the user's sort across refreshes.
    table.querySelector('thead').addEventListener('click', () => queueMicrotask(() => {
      const th = table.querySelector('th[aria-sort=ascending], th[aria-sort=descending]');
      current.sort = th ? { key: th.dataset.key, dir: th.getAttribute('aria-sort') } : null;
    }));
    if (current.sort) {
      const btn = table.querySelector(`th[data-key="${current.sort.key}"] button`);
      btn?.click();
      if (current.sort?.dir === 'descending') btn?.click();
    }
    return table;
  }

  function render(v) {
    const f = v.figures;
    const codes = codesOf(v);
    const openCodes = codes.filter((c) => !c.redeemed);
    const title = v.title ?? '';
    const refreshBtn = h('button', { type: 'button', id: 'voucher-refresh', dataset: { testid: 'voucher-refresh' } }, t('vouchers.detail.refresh'));
    refreshBtn.addEventListener('click', () => busy(refreshBtn, () => load(current.tid)));
    const printBtn = h('button', { type: 'button', id: 'voucher-print', dataset: { testid: 'voucher-print' }, title: t('vouchers.detail.print_title') }, t('vouchers.detail.print'));
    printBtn.disabled = f.state !== 'open' || openCodes.length === 0;
    printBtn.addEventListener('click', () => printCards(v, openCodes));
    const revokeBtn = h('button', { type: 'button', id: 'voucher-revoke', class: 'danger', dataset: { testid: 'voucher-revoke' } }, t('vouchers.detail.revoke_button'));
    revokeBtn.disabled = f.state === 'revoked' || f.state === 'expired';
    revokeBtn.title = t(`vouchers.detail.revoke_title.${f.state === 'revoked' || f.state === 'expired' ? f.state : 'open'}`);
    revokeBtn.addEventListener('click', () => revoke(v, revokeBtn));

    const stateBadges = h('span', { class: 'badges', dataset: { field: 'state' } },
      badge(f.state === 'fully_redeemed' ? 'redeemed' : f.state, f.state === 'fully_redeemed' ? t('vouchers.detail.fully_redeemed') : null),
      f.state === 'revoked' ? null : badge(f.redeemed_count ? 'partial' : 'open', t('vouchers.detail.redeemed_of', { redeemed: f.redeemed_count, count: f.count })));
    const outstanding = f.state === 'revoked' || f.state === 'expired'
      ? t(`vouchers.detail.outstanding_${f.state}`, { amount: btcAndSats(f.outstanding_value) })
      : btcAndSats(f.outstanding_value);
    const rows = [
      [t('vouchers.detail.fields.tid'), 'tid', withCopy(v.tid, t('vouchers.detail.fields.tid_context'))],
      [t('vouchers.detail.fields.from'), 'from', v.from],
      [t('vouchers.detail.fields.created'), 'created_at', localTime(v.created_at)],
      [t('vouchers.detail.fields.expires'), 'expires_at', localTime(v.expires_at)],
      [t('vouchers.detail.fields.amount'), 'amount', h('span', {}, btc(v.amount), h('span', { class: 'hint-inline', text: ` (${sats(v.amount)})` }))],
      [t('vouchers.detail.fields.count'), 'voucher_count', String(f.count)],
      [t('vouchers.detail.fields.redeemed'), 'voucher_redeemed', String(f.redeemed_count)],
      [t('vouchers.detail.fields.total_value'), 'total_value', btcAndSats(f.total_value)],
      [t('vouchers.detail.fields.redeemed_value'), 'redeemed_value', btcAndSats(f.redeemed_value)],
      [t('vouchers.detail.fields.outstanding_value'), 'outstanding_value', outstanding],
      [t('vouchers.detail.fields.static_link'), 'voucher_static_url', withCopy(v.voucher_static_url, t('vouchers.detail.fields.static_context'))],
    ];
    if (v.revoked) rows.push([t('vouchers.detail.fields.revoked'), 'revoked_at', localTime(v.revoked_at)]);
    if (v.receiver_email) rows.push([t('vouchers.detail.fields.emailed_to'), 'receiver_email', v.receiver_email], [t('vouchers.detail.fields.email'), 'email_status', badge(v.email_status)]);
    if (v.callback_url) rows.push([t('vouchers.detail.fields.webhook'), 'callback_url', v.callback_url]);
    if (v.unique_design_url) rows.push([t('vouchers.detail.fields.design'), 'unique_design_url', v.unique_design_url]);

    const watchLine = h('p', { class: 'hint watch-line', dataset: { testid: 'voucher-watch', tid: String(v.tid), final: String(f.state !== 'open') } });
    describeWatch(watchLine, findWatch(lastState, 'voucher', v.tid));
    const redeem = redeemCard({
      v, openCodes, guard: redeemGuard,
      last: current.redeemed?.tid === String(v.tid) ? current.redeemed : null,
      onRedeemed: (answer) => {
        if (answer) current.redeemed = answer;
        return reload();
      },
    });

    // A background refresh must not wipe what the user is typing, nor move the focus.
    const kept = [...el.querySelectorAll('#voucher-redeem-form [id]')].map((x) => [x.id, x.value]);
    const focused = el.contains(document.activeElement) ? document.activeElement.id : null;
    fill(el,
      h('div', { class: 'detail-head' },
        h('h2', { dataset: { field: 'title' }, class: title ? null : 'untitled', text: title || t('vouchers.untitled_batch') }), stateBadges),
      h('div', { class: 'row detail-actions' }, refreshBtn, ...exportButton(v), printBtn, revokeBtn),
      revokeGuard.el,
      fieldList(rows),
      watchLine,
      h('h3', { text: t('vouchers.codes_heading', { count: codes.length }) }),
      h('div', { class: 'table-wrap' }, codesTable(codes, f.state)),
      h('p', { class: 'totals', dataset: { testid: 'voucher-totals' } },
        t('vouchers.detail.totals_redeemed', { count: f.redeemed_count, amount: btc(v.amount), total: btcAndSats(f.redeemed_value) }),
        f.state === 'revoked' ? t('vouchers.detail.totals_none')
          : t('vouchers.detail.totals_outstanding', { count: f.open_count, amount: btc(v.amount), total: btcAndSats(f.outstanding_value) })),
      allFields(v, SHOWN),
      redeem);
    for (const [id, value] of kept) {
      const x = el.querySelector(`#${id}`);
      if (x && !x.disabled && (x.tagName !== 'SELECT' || [...x.options].some((o) => o.value === value))) {
        x.value = value;
        x.dispatchEvent(new Event('change'));
      }
    }
    if (focused) el.querySelector(`#${CSS.escape(focused)}`)?.focus();
    el.dataset.tid = String(v.tid);
    el.dataset.revoked = String(f.state === 'revoked');
    el.dataset.redeemed = String(f.redeemed_count);
    el.hidden = false;
  }

  function describeWatch(line, w) {
    if (!w && line.dataset.final === 'true') {
      line.textContent = t('vouchers.detail.watch.final');
      return;
    }
    if (!w) {
      if (line.dataset.state === 'none') return; // keep the button (and its focus) as it is
      line.dataset.state = 'none';
      const btn = h('button', { type: 'button', class: 'link', dataset: { testid: 'voucher-watch-start' } }, t('vouchers.detail.watch.start'));
      btn.addEventListener('click', () => busy(btn, async () => {
        try {
          await api.watchStart('voucher', line.dataset.tid);
        } catch (e) {
          line.textContent = t('vouchers.detail.watch.failed', { error: explain(e) });
        }
      }));
      line.replaceChildren(...tn('vouchers.detail.watch.none', { watch: btn }));
      return;
    }
    line.dataset.state = 'watched';
    const last = w.lastCheckedAt ? t('vouchers.detail.watch.last_checked', { time: localTime(w.lastCheckedAt) }) : t('vouchers.detail.watch.not_checked');
    line.textContent = w.final
      ? t('vouchers.detail.watch.ended', { status: text(w.rawStatus ?? w.status), last })
      : t('vouchers.detail.watch.watching', { last });
  }

  return {
    el,
    tid: () => current.tid,
    data: () => current.data,
    /** Show batch `tid` (read it; what was shown for it stays while it loads). */
    show(tid) {
      if (tid !== current.tid) {
        Object.assign(current, { tid, data: null, sort: null, redeemed: null, exported: null });
        // A revoke or redeem of unknown outcome was about the batch shown before.
        revokeGuard.reset();
        redeemGuard.reset();
        current.watchSig = watchSig(findWatch(lastState, 'voucher', tid));
        el.replaceChildren();
      }
      el.hidden = !current.data;
      return load(tid);
    },
    update(state) {
      lastState = state;
      if (!current.tid || !current.data) return;
      const w = findWatch(state, 'voucher', current.tid);
      const line = el.querySelector('.watch-line');
      if (line) describeWatch(line, w);
      const sig = watchSig(w);
      if (!w || sig === current.watchSig) return;
      current.watchSig = sig;
      // Read the batch again when the watch saw something the table does not show yet.
      const f = current.data.figures;
      // Ninjapay's own words (the watch's rawStatus), compared, never shown: not translated.
      const shown = `${f.redeemed_count} of ${f.count} redeemed`; // i18n-ignore
      if ((w.rawStatus && w.rawStatus !== shown) || (w.status === 'revoked') !== (f.state === 'revoked')) reload();
    },
  };
}
