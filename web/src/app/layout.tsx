import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '../client/providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'DeltaStream',
  description: 'Live option chains, PCR, max pain, Greeks and the volatility surface.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#020617' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
