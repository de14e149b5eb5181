'use client';

import type { EnrichedChain } from '@deltastream/core/schemas';
import { MARKET_READS } from '../../client/market-queries';
import type { ChainColumnSet } from './chain-columns';
import type { ChainRowProps } from './chain-row';
import { ChainTable } from './chain-table';
import { DownloadCsvLink } from './download-csv';
import { formatExchangeTime } from './exchange-time';
import { formatExpiry, formatPrice, formatStrike } from './format';
import { Panel, PanelMessage } from './panel';

interface ChainPanelProps {
  className: string;
  chain: EnrichedChain | undefined;
  /** The product's exchange time zone: the snapshot's time is shown on its clock. */
  timeZone: string | undefined;
  loading: boolean;
  error: Error | null;
  columns: ChainColumnSet;
  /** Shows the Greeks button, which switches between the plain and the Greeks columns. */
  onToggleGreeks?: () => void;
  /** Makes bid and ask clickable (the strategy builder). */
  onPick?: ChainRowProps['onPick'];
}

export function ChainPanel({
  className,
  chain,
  timeZone,
  loading,
  error,
  columns,
  onToggleGreeks,
  onPick,
}: ChainPanelProps) {
  const showGreeks = columns === 'greeks';
  return (
    <Panel
      className={className}
      title={chain ? `Option chain · ${formatExpiry(chain.expiry)}` : 'Option chain'}
      tools={
        <>
          {chain && (
            <>
              <span>
                Spot <span className="font-mono text-slate-200">{formatPrice(chain.spot_price)}</span>
              </span>
              <span>
                ATM <span className="font-mono text-sky-300">{formatStrike(chain.atm_strike)}</span>
              </span>
              <span title="Snapshot sequence number and time">
                #
                <span data-testid="chain-seq" className="font-mono text-slate-300">
                  {chain.seq}
                </span>
                {timeZone && (
                  <span data-testid="chain-time" className="ml-1 font-mono">
                    {formatExchangeTime(Date.parse(chain.timestamp), timeZone)}
                  </span>
                )}
              </span>
            </>
          )}
          {onPick && (
            <span data-testid="chain-pick-hint" className="text-slate-500">
              Click a bid to sell, an ask to buy
            </span>
          )}
          {chain && (
            <DownloadCsvLink
              path={MARKET_READS.chain(chain.product, chain.expiry)}
              testId="chain-download-csv"
              what="this expiry's option chain, one row per strike"
            />
          )}
          {onToggleGreeks && (
            <button
              type="button"
              data-testid="greeks-toggle"
              aria-pressed={showGreeks}
              title={
                showGreeks
                  ? 'Hide the Greeks: chain and charts side by side again'
                  : 'Show Δ Γ Θ ν on both sides: the chain takes the full width, the charts move below it'
              }
              onClick={onToggleGreeks}
              className={`rounded border px-2 py-0.5 font-medium ${showGreeks ? 'border-sky-500 bg-sky-500/15 text-sky-200' : 'border-slate-700 text-slate-300 hover:border-slate-500'}`}
            >
              Greeks
            </button>
          )}
        </>
      }
    >
      {chain ? (
        <ChainTable chain={chain} columns={columns} onPick={onPick} />
      ) : error ? (
        <PanelMessage tone="error">Could not load the chain: {error.message}</PanelMessage>
      ) : (
        <PanelMessage>{loading ? 'Loading the option chain…' : 'No chain for this expiry yet.'}</PanelMessage>
      )}
    </Panel>
  );
}
