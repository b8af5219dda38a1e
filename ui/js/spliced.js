// A catalogue message with nodes in it: "Batch {tid} {copy} · …" → ['Batch ', <span>, ' ', <button>, ' · …'].
// Lets a translation put a glossary term, a copy button or a link wherever its grammar wants it,
// instead of the code gluing sentence fragments together in English order.

/** Split `message` at {name} placeholders and put `nodes[name]` there (strings stay text). */
export function spliced(message, nodes = {}) {
  const out = [];
  let at = 0;
  for (const m of String(message).matchAll(/\{(\w+)\}/g)) {
    if (!Object.hasOwn(nodes, m[1])) continue; // not ours: leave it visible as written
    if (m.index > at) out.push(message.slice(at, m.index));
    out.push(nodes[m[1]]);
    at = m.index + m[0].length;
  }
  if (at < message.length) out.push(message.slice(at));
  return out;
}
