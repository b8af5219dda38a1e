// A view that reads again while an earlier read is still on its way shows only the newest
// answer: an older one that arrives late is dropped.

/**
 * latestOnly() → run(read, show, fail): calls `read()`, then `show(value)` or `fail(error)`,
 * unless `run` was called again meanwhile.
 */
export function latestOnly() {
  let seq = 0;
  return async (read, show, fail) => {
    const mine = ++seq;
    let value;
    try {
      value = await read();
    } catch (e) {
      if (mine === seq) fail(e);
      return;
    }
    if (mine === seq) show(value);
  };
}
