'use client';

import type { ReactNode } from 'react';
import { DashboardHeader } from './dashboard-header';
import { PanelMessage } from './panel';
import type { MarketView } from './use-market-view';

/**
 * The frame of a page about the chosen product and expiry: the header with its pickers and the data's
 * freshness, then the page's content, or in its place why the product catalogue could not be loaded.
 */
export function MarketPage({
  view,
  userEmail,
  page,
  className = '',
  children,
}: {
  view: MarketView;
  userEmail: string;
  page: 'dashboard' | 'strategies';
  className?: string;
  children: ReactNode;
}) {
  const { market, connection, chain } = view;
  const latest = view.underlying.data?.latest;
  return (
    <div className={`flex min-h-screen flex-col ${className}`}>
      <DashboardHeader
        products={market.catalogue}
        product={market.symbol}
        onProductChange={market.selectProduct}
        latest={latest}
        expiries={market.expiryList}
        expiry={market.expiry}
        onExpiryChange={market.selectExpiry}
        connection={connection}
        dataTimestamps={[latest?.timestamp, chain?.timestamp]}
        timeZone={market.product?.time_zone}
        userEmail={userEmail}
        page={page}
      />
      {market.products.error ? (
        <PanelMessage tone="error">
          Could not load the product catalogue: {market.products.error.message}
        </PanelMessage>
      ) : (
        children
      )}
    </div>
  );
}
