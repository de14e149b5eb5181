/**
 * The client's address for rate limits. Route handlers never see the socket, so it comes from
 * X-Forwarded-For, which the Next.js server fills with the peer address; every proxy in front appends
 * the address it saw. `trustedProxyHops` says how many of those right-most entries were written by our
 * own proxies (the ingress): the entry just left of them is the client. Anything further left is
 * whatever the client sent and is ignored.
 */
export function clientAddress(headers: Headers, trustedProxyHops: number): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return hops[Math.max(0, hops.length - 1 - trustedProxyHops)] ?? 'unknown';
}
