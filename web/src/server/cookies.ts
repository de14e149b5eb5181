/**
 * The cookies of a `Cookie` request header (RFC 6265 §5.4: `name=value` pairs separated by `; `), by name.
 * The first of two cookies with one name wins, as browsers send the most specific first; a value that is
 * not valid percent-encoding is kept as sent.
 */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (name === '' || name in cookies) continue;
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}
