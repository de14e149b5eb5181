/** A pub/sub message's JSON, or why it has none: the first check of every channel the gateway hears. */
export function parseChannelJson(
  message: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(message) };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}
