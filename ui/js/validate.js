// The few input checks that must answer as the user types or before a request can even be
// built. Every rule about what Ninjapay accepts lives in the client and is asked with `review`.
import { t } from './i18n.js';

/** Optional free-form JSON object (`extra`): {value} (object or null) or {error}. */
export function jsonObject(input) {
  const s = String(input ?? '').trim();
  if (s === '') return { value: null };
  try {
    const v = JSON.parse(s);
    if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v };
  } catch {
    // fall through
  }
  return { error: t('errors.json_object') };
}
