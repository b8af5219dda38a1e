// Looking a record up by its tid, for orders, widget tokens, bridge quotes and Lightning
// payments: the form, the error banner and the result. The result follows the record's
// background watch: when the watch sees the record change it is read again (one request) and
// drawn again; `paint(watch)` may update parts in place on every watch update.
import { api } from './ipc.js';
import { fill, h } from './dom.js';
import { busy, fieldError } from './components.js';
import { explain } from './errors.js';
import { errorBanner, errorBox } from './error-banner.js';
import { announce } from './announce.js';
import { findWatch } from './watches.js';
import { t } from './i18n.js';

/**
 * lookupPanel({
 *   id, kind, noun,              // 'order' → #order-tid, #order-lookup, #order-form; watch kind; "No order with tid …"
 *   label, placeholder, button,  // the form's words
 *   testids: {input, button},    // optional data-testid of the two
 *   errorId, result: {id, class, testid},
 *   loadAttr: 'load',            // data-* of the result: loading | loaded | error
 *   fetch(tid) → Promise<record>,
 *   tidOf(record, tid) → tid,
 *   render(record, panel) → [Node], paint(watch)?, onStart()? (a lookup by the user begins),
 *   describe(record)? → words for the "loaded" announcement
 * })
 * → {form, input, button, banner, result, load(tid, {quiet}), open(tid), update(state),
 *    watch() (the record's watch), againButton(id, label), watchButton(id, label)}
 */
export function lookupPanel(o) {
  const loadAttr = o.loadAttr ?? 'load';
  const input = h('input', { id: `${o.id}-tid`, name: 'tid', type: 'text', spellcheck: 'false', autocomplete: 'off',
    placeholder: o.placeholder, required: true, dataset: { testid: o.testids?.input, lookup: '' } });
  const button = h('button', { id: `${o.id}-lookup`, type: 'submit', class: 'primary', dataset: { testid: o.testids?.button } }, o.button);
  const form = h('form', { class: 'row', id: `${o.id}-form` },
    h('label', { class: 'sr-only', for: input.id, text: o.label }), input, button);
  const banner = errorBox({ id: o.errorId, testid: o.errorId });
  const result = h('div', { id: o.result.id, class: o.result.class, hidden: true, dataset: { testid: o.result.testid ?? o.result.id } });

  let lastState = null;
  let shown = null; // {record, tid}
  let seen = null; // the watch state the result was drawn with

  const watchKey = (w) => (w ? `${w.status}|${w.rawStatus}|${w.final}` : null);
  const watch = () => (shown ? findWatch(lastState, o.kind, shown.tid) : null);

  const panel = {
    form, input, button, banner, result, watch,
    /** "Check again": read the record once more. */
    againButton(id, label = t('common.check_again')) {
      const b = h('button', { type: 'button', id }, label);
      b.addEventListener('click', () => busy(b, () => load(shown.tid)));
      return b;
    },
    /** "Watch until …", unless it is watched already. */
    watchButton(id, label) {
      const w = watch();
      if (w && !w.final) return null;
      const b = h('button', { type: 'button', id }, label);
      b.addEventListener('click', () => busy(b, async () => {
        try {
          const nw = await api.watchStart(o.kind, shown.tid);
          // The command's answer is as fresh as an event: use it at once.
          if (nw?.id !== undefined) lastState?.watches?.set?.(nw.id, nw);
          draw();
        } catch (e) {
          errorBanner(banner, e);
        }
      }));
      return b;
    },
    load,
    /** Look `tid` up as if typed. */
    open(tid) {
      input.value = String(tid);
      return busy(button, () => load(String(tid)));
    },
    update(state) {
      lastState = state;
      if (!shown) return;
      const w = watch();
      o.paint?.(w);
      const key = watchKey(w);
      if (key === seen) return;
      seen = key;
      // The watcher saw the record change: read it again; a new watch only changes the drawing.
      if (w?.lastCheckedAt) load(shown.tid, { quiet: true });
      else draw();
    },
  };

  function draw() {
    if (!shown) return;
    seen = watchKey(watch());
    fill(result, ...o.render(shown.record, panel));
    result.hidden = false;
    o.paint?.(watch());
  }

  async function load(tid, { quiet = false } = {}) {
    fieldError(input, null);
    if (!quiet) {
      errorBanner(banner, null);
      result.dataset[loadAttr] = 'loading';
      o.onStart?.();
    }
    try {
      const record = await o.fetch(tid);
      shown = { record, tid: String(o.tidOf?.(record, tid) ?? record.tid ?? tid) };
      draw();
      result.dataset[loadAttr] = 'loaded';
      if (!quiet) {
        const what = o.describe?.(record);
        const noun = `${o.noun[0].toUpperCase()}${o.noun.slice(1)}`;
        announce(what ? t('common.lookup.loaded_about', { noun, tid: shown.tid, about: what }) : t('common.lookup.loaded', { noun, tid: shown.tid }));
      }
      return record;
    } catch (e) {
      if (e.code === 'validation') {
        fieldError(input, explain(e));
        input.focus();
      } else {
        errorBanner(banner, e, {
          text: e.code === 'not_found' ? t('common.lookup.not_found', { noun: o.noun, tid, message: e.message }) : null,
        });
      }
      if (!quiet) {
        shown = null;
        result.hidden = true;
        fill(result);
        result.dataset[loadAttr] = 'error';
      }
      return null;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const tid = input.value.trim();
    if (tid) busy(button, () => load(tid));
  });
  return panel;
}
