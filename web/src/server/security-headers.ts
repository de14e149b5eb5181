/**
 * The security headers of every answer, pages (src/proxy.ts) and API (the route wrapper) alike.
 * Browser-facing rules, in one place: what may be framed, sniffed, referred and loaded.
 */

/**
 * Referrers stay on our own site: a URL (a callback, a product) never travels to another one. Not
 * `no-referrer`, under which a browser sends `Origin: null` with our own form posts, which the CSRF rule
 * would then refuse.
 */
const REFERRER_POLICY = 'same-origin';

/**
 * A year; without includeSubDomains, as the deployment's host may share its domain with sites of others.
 * Sent only when our edge says the client came over TLS: over plain HTTP a browser ignores it anyway, and
 * a developer's http://localhost must not be pinned to HTTPS.
 */
const HSTS = 'max-age=31536000';

/** The headers every answer carries; HSTS when the client reached the edge over TLS. */
export function commonSecurityHeaders(tls: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': REFERRER_POLICY,
    ...(tls ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** JSON, never a document: nothing may load from it, and no page may frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The connect-src entries that reach the realtime gateway at `url`, over HTTP and WebSocket. */
function realtimeSources(url: string): string[] {
  const { protocol, host } = new URL(url);
  const secure = protocol === 'https:';
  return [`${secure ? 'https' : 'http'}://${host}`, `${secure ? 'wss' : 'ws'}://${host}`];
}

/**
 * The pages' policy (the Next.js guide's nonce policy, adapted):
 * - scripts: Next.js puts the request's nonce on its own scripts, and 'strict-dynamic' lets them load
 *   their chunks (the dashboard's lazy Plotly bundle among them). Production needs no eval: Plotly 4's
 *   only `Function(…)` calls sit behind feature tests modern browsers pass (globalThis, a native bind);
 *   React's development build evaluates code for its debugging aids, so `next dev` adds 'unsafe-eval'.
 * - styles: Plotly writes <style> elements and style attributes of its own, without a nonce; a nonce in
 *   style-src would disable 'unsafe-inline', so styles are 'self' and inline.
 * - images: Plotly's mode bar icons are data: SVGs, and its "download as PNG" a blob: or data: URL.
 * - connections: this origin (REST, and Socket.IO through the edge) and the realtime gateway's address.
 * - no plugins, no <base> elsewhere, forms post only here, no framing anywhere (clickjacking), and
 *   behind TLS every http: URL of the page is upgraded.
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  realtimeUrl: string;
  development: boolean;
  tls: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeSources(options.realtimeUrl).join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.tls ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
