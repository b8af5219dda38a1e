// The in-page confirmation asked before anything moves money or cannot be undone. It opens with
// the focus on Cancel, and its confirm button obeys confirm-gate.js: no press counts during the
// first moments, nor a held key's repeats, nor a key that went down before the dialog was there.
import { h } from './dom.js';
import { ARM_MS, confirmGate } from './confirm-gate.js';
import { t } from './i18n.js';

/**
 * Ask. `lines` are plain strings or Nodes. Resolves true (confirmed) or false (Cancel, Esc).
 * Focus returns where it was. The confirm button carries data-armed="true" once it can act.
 */
export function confirmDialog({ title, lines = [], confirmLabel = t('common.confirm'), danger = false }) {
  return new Promise((resolve) => {
    const before = document.activeElement;
    const ok = h('button', {
      type: 'button', class: danger ? 'danger' : 'primary', 'aria-disabled': 'true',
      dataset: { testid: 'confirm-ok', armed: 'false' },
    }, confirmLabel);
    const cancel = h('button', { type: 'button', dataset: { testid: 'confirm-cancel' } }, t('common.cancel'));
    const dlg = h('dialog', { class: 'confirm', dataset: { testid: 'confirm-dialog' }, 'aria-label': title },
      h('h2', { text: title }),
      ...lines.filter(Boolean).map((l) => (l instanceof Node ? l : h('p', { text: l }))),
      h('div', { class: 'row end' }, cancel, ok));
    const gate = confirmGate();
    let answer = false;
    const timer = setTimeout(() => {
      ok.dataset.armed = 'true';
      ok.removeAttribute('aria-disabled');
    }, ARM_MS + 10);
    ok.addEventListener('keydown', (e) => { if (!gate.keydown(e)) e.preventDefault(); });
    ok.addEventListener('keyup', (e) => { if (!gate.keyup(e)) e.preventDefault(); });
    ok.addEventListener('click', (e) => {
      if (!gate.click(e)) return;
      answer = true;
      dlg.close();
    });
    cancel.addEventListener('click', () => dlg.close());
    dlg.addEventListener('close', () => {
      clearTimeout(timer);
      dlg.remove();
      before?.focus?.();
      resolve(answer);
    });
    document.body.append(dlg);
    dlg.showModal();
    cancel.focus();
  });
}
