// Links that leave the app go through the `open_external` command, which opens only Ninjapay's
// own https pages and valid Lightning invoices (the page has no opener of its own). A refusal
// is shown beside the link.
import { api } from './ipc.js';
import { h } from './dom.js';
import { announce } from './announce.js';

/** Open `url` outside the app; a refusal goes into `note`. */
export async function openExternal(url, note) {
  try {
    await api.openExternal(String(url));
    note.hidden = true;
    note.textContent = '';
  } catch (e) {
    note.hidden = false;
    note.textContent = ` ${e.message}`;
    announce(e.message);
  }
}

/** Make an existing <a href> open through open_external, with its refusal note after it. */
export function wireExternal(a) {
  const note = h('span', { class: 'link-refused', hidden: true });
  a.insertAdjacentElement('afterend', note);
  a.removeAttribute('target');
  a.addEventListener('click', (e) => {
    e.preventDefault();
    openExternal(a.getAttribute('href'), note);
  });
  return note;
}

/** A link (label defaults to the URL) that opens through open_external: <span><a/><note/></span>. */
export function externalLink(url, label = String(url), attrs = {}) {
  const a = h('a', { href: String(url), ...attrs }, label);
  const box = h('span', { class: 'ext-link' }, a);
  wireExternal(a);
  return box;
}
