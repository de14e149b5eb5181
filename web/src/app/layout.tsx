import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '../client/providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'DeltaStream',
  description: 'Live option chains, PCR, max pain, Greeks and the volatility surface.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#020617' };

/**
 * Every page is rendered per request: each carries the script nonce of its own Content-Security-Policy
 * (src/proxy.ts), which a page prerendered at build time could not.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
