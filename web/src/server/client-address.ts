/**
 * Who the client is and how it connected, as far as our own proxies say. Route handlers never see the
 * socket (Next.js hides it), so web always runs behind an edge that writes these headers: web's local
 * edge in `npm start` and `npm run dev`, nginx in compose, the Ingress in Kubernetes. Next.js and the
 * market API listen only where that edge reaches them (loopback on a laptop, the cluster network).
 *
 * `trustedProxyHops` (TRUSTED_PROXY_HOPS, at least 1) is the number of our proxies in front of web.
 * Each appends the address it received the request from to X-Forwarded-For (the local edge writes it
 * alone), so the outermost one's entry is `length - hops`: the client. Entries left of it were written
 * by the client and are ignored, so a client cannot choose the address it is counted under.
 */

/** The header's comma-separated entries, as proxies append them. */
function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The entry our outermost proxy wrote (the first one when fewer proxies wrote than expected). */
function proxyEntry(value: string | null, trustedProxyHops: number): string | undefined {
  const list = entries(value);
  return list[Math.max(0, list.length - Math.max(1, trustedProxyHops))];
}

/** The client's address, for per-address rate limits; `unknown` without the header. */
export function clientAddress(headers: Headers, trustedProxyHops: number): string {
  return proxyEntry(headers.get('x-forwarded-for'), trustedProxyHops) ?? 'unknown';
}

/**
 * Whether the client reached our edge over TLS: X-Forwarded-Proto as our outermost proxy wrote it (every
 * edge sets it; a client's own value is overwritten or left of it). HSTS and Secure cookies follow it.
 */
export function clientUsedTls(headers: Headers, trustedProxyHops: number): boolean {
  return proxyEntry(headers.get('x-forwarded-proto'), trustedProxyHops)?.toLowerCase() === 'https';
}

/**
 * The origin the client addressed: its scheme (from the edge) and the Host it sent, which every edge
 * passes on unchanged. A request without Host (an in-process test) falls back to its URL's.
 */
export function requestOrigin(req: Request, trustedProxyHops: number): string {
  const host = req.headers.get('host') ?? new URL(req.url).host;
  return `${clientUsedTls(req.headers, trustedProxyHops) ? 'https' : 'http'}://${host}`;
}
