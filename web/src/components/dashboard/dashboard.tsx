'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError } from '../../client/api';
import { useChain, useExpiries, usePcr, useProducts, useUnderlying } from '../../client/market-queries';
import { useLiveMarket } from '../../client/use-live-market';
import { ChainPanel } from './chain-panel';
import { ChartsPanel } from './charts/charts-panel';
import { DashboardHeader } from './dashboard-header';
import { MetricCards } from './metric-cards';
import { PanelMessage } from './panel';

/**
 * The trader's live view of one product and expiry. Everything on it reads the TanStack Query cache,
 * which REST fills and the realtime socket keeps current (useLiveMarket).
 */
export function Dashboard({ userEmail }: { userEmail: string }) {
  const products = useProducts();
  const catalogue = products.data?.products ?? [];
  const [chosenProduct, setChosenProduct] = useState<string>();
  const product = catalogue.find((p) => p.symbol === chosenProduct) ?? catalogue[0];
  const symbol = product?.symbol;

  const expiries = useExpiries(symbol);
  const expiryList = expiries.data?.expiries ?? [];
  const [chosenExpiry, setChosenExpiry] = useState<string>();
  // The nearest expiry unless another is chosen (and still listed: expiries roll off).
  const expiry =
    chosenExpiry !== undefined && expiryList.includes(chosenExpiry) ? chosenExpiry : expiryList[0];

  const connection = useLiveMarket(symbol, expiry);
  const underlying = useUnderlying(symbol);
  const chainQuery = useChain(symbol, expiry);
  const chain = chainQuery.data?.chains[0];
  const pcr = usePcr(symbol, expiry);
  const [showGreeks, setShowGreeks] = useState(false);

  // The server checked the session before rendering; a 401 later means it ended while the page was open.
  const router = useRouter();
  const signedOut = [products, expiries, underlying, chainQuery, pcr].some(
    ({ error }) => error instanceof ApiError && error.status === 401,
  );
  useEffect(() => {
    if (signedOut) router.replace('/signin?callbackUrl=/');
  }, [signedOut, router]);

  return (
    <div className="flex min-h-screen flex-col lg:h-screen">
      <DashboardHeader
        products={catalogue}
        product={symbol}
        onProductChange={(next) => {
          setChosenProduct(next);
          setChosenExpiry(undefined);
        }}
        latest={underlying.data?.latest}
        expiries={expiryList}
        expiry={expiry}
        onExpiryChange={setChosenExpiry}
        connection={connection}
        userEmail={userEmail}
      />
      <main className="flex flex-1 flex-col gap-2 p-2 lg:min-h-0">
        {products.error ? (
          <PanelMessage tone="error">
            Could not load the product catalogue: {products.error.message}
          </PanelMessage>
        ) : (
          <>
            <MetricCards chain={chain} pcrHistory={pcr.data?.history} />
            <div className="grid gap-2 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
              <ChainPanel
                chain={chain}
                loading={chainQuery.isPending}
                error={chainQuery.error ?? expiries.error}
                showGreeks={showGreeks}
                onToggleGreeks={() => setShowGreeks((shown) => !shown)}
              />
              {symbol && expiry && product ? (
                <ChartsPanel
                  product={symbol}
                  expiry={expiry}
                  timeZone={product.time_zone}
                  chain={chain}
                  pcr={pcr}
                />
              ) : (
                <PanelMessage>Loading…</PanelMessage>
              )}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
