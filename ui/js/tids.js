// Tids pasted into "Add batches by tid" or read from a CSV file. Pure: no DOM, no IPC
// (unit-tested in ui/tests/tids.test.mjs). Rust checks each tid again before looking it up.

/** Text shaped like a Ninjapay tid: letters and digits, with at least one digit. */
export function looksLikeTid(text) {
  const s = String(text ?? '').trim();
  return /^[A-Za-z0-9]{4,128}$/.test(s) && /\d/.test(s);
}

/** Order kept, each tid once. */
function unique(list) {
  return [...new Set(list)];
}

/** Pasted text → tids: one a line, or separated by commas, semicolons, tabs or spaces. */
export function parseTids(text) {
  return unique(String(text ?? '').split(/[\s,;]+/).map((t) => t.trim()).filter(Boolean));
}

/** The first cell of every row of a CSV text (RFC 4180 quoting; a quoted cell may hold commas and line breaks). */
export function firstColumn(text) {
  const s = String(text ?? '').replace(/^\uFEFF/, '');
  const cells = [];
  let cell = '';
  let inQuotes = false;
  let atRowStart = true; // still reading the row's first cell
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (inQuotes) {
      if (c === '"' && s[i + 1] === '"') { if (atRowStart) cell += '"'; i += 1; } else if (c === '"') inQuotes = false;
      else if (atRowStart) cell += c;
    } else if (c === '"') {
      inQuotes = true;
    } else if (c === ',' || c === ';' || c === '\t') {
      if (atRowStart) { cells.push(cell); atRowStart = false; }
    } else if (c === '\n' || c === '\r') {
      if (atRowStart) cells.push(cell);
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      cell = '';
      atRowStart = true;
    } else if (atRowStart) {
      cell += c;
    }
  }
  if (atRowStart && cell !== '') cells.push(cell);
  return cells.map((x) => x.trim());
}

/**
 * A CSV file's tids: the first column, without a header row ("tid", "batch_tid", …) that is
 * not a tid, and without empty cells. A voucher export lists its batch on every code's row:
 * each tid is kept once.
 */
export function tidsFromCsv(text) {
  const cells = firstColumn(text).filter(Boolean);
  if (cells.length && !looksLikeTid(cells[0])) cells.shift();
  return unique(cells.filter((c) => !/\s/.test(c)));
}
