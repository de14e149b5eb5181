import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE_TEMPLATE = readFileSync(new URL('./subscribe-example.html', import.meta.url), 'utf8');

/** The replay of examples/subscribe-example.html for the gateway at `gatewayUrl` (its one difference). */
export function subscribeExamplePage(gatewayUrl: string): string {
  return PAGE_TEMPLATE.replaceAll('GATEWAY_URL', gatewayUrl);
}

export interface PageSite {
  /** The site's origin, which the gateway must admit for its pages to connect. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A site of its own for pages (path → HTML), on 127.0.0.1 and a free port: the original page is opened
 * from another origin than the platform's, as its users open it. Pages may be added once the site runs
 * (the platform, which needs the site's origin, starts after it and gives the page its address).
 */
export async function servePages(pages: ReadonlyMap<string, string>): Promise<PageSite> {
  const server = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0] ?? '/');
    if (page === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
