import { NextResponse, type NextRequest } from 'next/server';
import { clientUsedTls } from './server/client-address';
import { loadWebConfig, type WebConfig } from './server/config';
import { commonSecurityHeaders, pageContentSecurityPolicy } from './server/security-headers';

let webConfig: WebConfig | undefined;

/**
 * Every page gets the security headers (server/security-headers.ts) with a fresh script nonce, which
 * Next.js reads from the request's Content-Security-Policy and puts on its own scripts; pages are
 * rendered per request (the root layout waits for the request) so each carries its own. The API sets
 * its headers in the route wrapper.
 */
export function proxy(request: NextRequest): NextResponse {
  webConfig ??= loadWebConfig();
  const config = webConfig;
  const tls = clientUsedTls(request.headers, config.TRUSTED_PROXY_HOPS);
  const policy = pageContentSecurityPolicy({
    nonce: Buffer.from(crypto.randomUUID()).toString('base64'),
    realtimeUrl: config.REALTIME_PUBLIC_URL,
    development: config.NODE_ENV === 'development',
    tls,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders(tls))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API and the probes (the route wrapper sets their headers), nor static files.
      source: '/((?!api/|health$|ready$|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
