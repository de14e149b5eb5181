'use client';

import { useState } from 'react';
import { usePcr } from '../../client/market-queries';
import { AlertToasts, useAlertToasts } from '../alerts/alert-toasts';
import { AlertsPanel } from '../alerts/alerts-panel';
import { ChainPanel } from './chain-panel';
import { ChartsPanel } from './charts/charts-panel';
import { MarketPage } from './market-page';
import { MetricCards, MetricGrid } from './metric-cards';
import { PanelMessage } from './panel';
import { useChosenMarket } from './use-chosen-market';
import { useMarketView } from './use-market-view';
import { useSignInAgain } from './use-sign-in-again';
import { VolatilityCards } from './volatility-cards';

/**
 * The trader's live view of one product and expiry. Everything on it reads the TanStack Query cache,
 * which REST fills and the realtime socket keeps current (useLiveMarket).
 */
export function Dashboard({ userEmail }: { userEmail: string }) {
  const market = useChosenMarket();
  const { products, symbol, product, expiries, expiryList, expiry } = market;
  const timeZone = product?.time_zone;

  const toasts = useAlertToasts();
  const view = useMarketView(market, { onAlert: toasts.show });
  const { underlying, chainQuery, chain } = view;
  const pcr = usePcr(symbol, expiry);
  const [showGreeks, setShowGreeks] = useState(false);
  const [alertsOpen, setAlertsOpen] = useState(false);

  useSignInAgain(
    [products, expiries, underlying, chainQuery, pcr].map(({ error }) => error),
    '/',
  );

  // Chain and charts side by side on a wide screen, where the chain's quote columns fit; the Greeks add
  // eight more, so with them the chain takes the full width and the charts follow below.
  // The page is the screen's height only while the alerts are folded. Open, they follow below the chain
  // and charts, which then take the height they take on a narrower screen (the page scrolls).
  const sideBySide = !showGreeks;
  const fitsScreen = sideBySide && !alertsOpen;
  return (
    <>
      <MarketPage
        view={view}
        userEmail={userEmail}
        page="dashboard"
        className={fitsScreen ? 'xl:h-screen' : ''}
      >
        <main className={`flex flex-1 flex-col gap-2 p-2 ${fitsScreen ? 'xl:min-h-0' : ''}`}>
          <MetricGrid>
            <MetricCards chain={chain} pcrHistory={pcr.data?.history} />
            <VolatilityCards product={symbol} />
          </MetricGrid>
          <div
            data-testid="dashboard-grid"
            data-layout={sideBySide ? 'side-by-side' : 'stacked'}
            className={`grid gap-2 ${sideBySide ? 'xl:grid-cols-[minmax(0,5fr)_minmax(0,3fr)]' : ''} ${fitsScreen ? 'xl:min-h-0 xl:flex-1' : ''}`}
          >
            <ChainPanel
              className={`h-[70vh] min-h-[420px] ${fitsScreen ? 'xl:h-auto xl:min-h-0' : ''}`}
              chain={chain}
              timeZone={timeZone}
              loading={chainQuery.isPending}
              error={chainQuery.error ?? expiries.error}
              columns={showGreeks ? 'greeks' : 'plain'}
              onToggleGreeks={() => setShowGreeks((shown) => !shown)}
            />
            {symbol && expiry && timeZone ? (
              <ChartsPanel
                className={`min-h-[420px] ${fitsScreen ? 'xl:min-h-0' : ''}`}
                product={symbol}
                expiry={expiry}
                timeZone={timeZone}
                chain={chain}
                pcr={pcr}
              />
            ) : (
              <PanelMessage>Loading…</PanelMessage>
            )}
          </div>
          <AlertsPanel
            open={alertsOpen}
            onToggle={() => setAlertsOpen((shown) => !shown)}
            className="shrink-0"
            product={symbol}
            expiries={expiryList}
            strikes={chain?.strikes ?? []}
            timeZone={timeZone}
          />
        </main>
      </MarketPage>
      <AlertToasts toasts={toasts.toasts} onDismiss={toasts.dismiss} />
    </>
  );
}
