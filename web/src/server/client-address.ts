/**
 * The client's address, for per-address rate limits. Route handlers never see the socket: Next.js and
 * the market API (node-http.ts) put the peer address in X-Forwarded-For only when the request has none,
 * every proxy in front of web appends the address it received the request from, and web's local edge
 * writes that address alone, whatever the client sent.
 *
 * `trustedProxyHops` is the number of our own proxies in front of web (1 for the ingress). The
 * outermost of them appended the real client, which is entry `length - hops`; anything left of it was
 * written by the client and is ignored. With 0 (web exposed directly) the last entry is used: the peer
 * address when the client sent no header, or whatever it sent — so production runs web behind a proxy.
 */
export function clientAddress(headers: Headers, trustedProxyHops: number): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return hops[Math.max(0, hops.length - Math.max(1, trustedProxyHops))] ?? 'unknown';
}
