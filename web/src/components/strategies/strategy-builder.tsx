'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { EnrichedChain, EnrichedOptionQuote } from '@deltastream/core/schemas';
import type { PriceGrid, StrategyLeg, StrategyScenario, TradeSide } from '@deltastream/core/strategy';
import { chainQuery, useChains } from '../../client/market-queries';
import { marketKeys } from '../../client/query-keys';
import { fetchPreset, useSavedStrategies } from '../../client/strategy-queries';
import type { ChainResponse } from '../../contracts/rest';
import type { SavedStrategyJson } from '../../contracts/strategies';
import { ChainPanel } from '../dashboard/chain-panel';
import { PlotlyChart } from '../dashboard/charts/plotly-chart';
import { formatExchangeTime } from '../dashboard/exchange-time';
import { MarketPage } from '../dashboard/market-page';
import { Panel, PanelMessage } from '../dashboard/panel';
import { useChosenMarket } from '../dashboard/use-chosen-market';
import { useMarketView } from '../dashboard/use-market-view';
import { useSignInAgain } from '../dashboard/use-sign-in-again';
import { LegTable } from './leg-table';
import { payoffFigure } from './payoff-figure';
import { PresetPicker, presetLabel, type PresetChoice } from './preset-picker';
import { SavedStrategies } from './saved-strategies';
import { ScenarioControls } from './scenario-controls';
import { editedLeg, legExpiries, needsRepricing, pickedLeg, type LegChange } from './strategy-draft';
import { StrategySummary } from './strategy-summary';
import { valueStrategy } from './strategy-valuation';
import { useStrategyDraft } from './use-strategy-draft';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const TODAY: StrategyScenario = { days_forward: 0, iv_shift_pct: 0 };

/**
 * The strategy builder: legs from a preset or from clicks on the chain's bid (sell) and ask (buy), each
 * editable; the payoff chart and the numbers of packages/core's analyzeStrategy, recomputed in the browser
 * whenever a leg changes or a leg's chain moves (the same function POST /api/strategies/analyze runs, so
 * the page and the API agree); and the user's saved strategies with their live P&L.
 */
export function StrategyBuilder({ userEmail }: { userEmail: string }) {
  const queryClient = useQueryClient();
  const market = useChosenMarket();
  const { products, catalogue, symbol, product, expiries, expiryList, expiry, selectProduct } = market;
  const timeZone = product?.time_zone;
  const { draft, legs, addLeg, replaceLeg, removeLeg, clear, load } = useStrategyDraft(symbol);
  const [message, setMessage] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [scenario, setScenario] = useState<StrategyScenario>(TODAY);

  const legExpiryList = useMemo(() => legExpiries(legs), [legs]);
  const view = useMarketView(market, { alsoLive: legExpiryList });
  const { underlying, chainQuery: chainQueryResult, chain } = view;
  const { chains: legChains, error: legChainError } = useChains(symbol ?? '', legExpiryList);
  const chainsByExpiry = useMemo(
    () =>
      new Map(
        legChains.flatMap((legChain): [string, EnrichedChain][] =>
          legChain ? [[legChain.expiry, legChain]] : [],
        ),
      ),
    [legChains],
  );
  const saved = useSavedStrategies();
  useSignInAgain(
    [products, expiries, underlying, chainQueryResult, saved].map(({ error }) => error),
    '/strategies',
  );

  // The grid is fixed per set of legs, so live redraws move the curves, not the axis under them.
  const [heldGrid, setHeldGrid] = useState<{ legs: readonly StrategyLeg[]; grid: PriceGrid } | null>(null);
  const grid = heldGrid?.legs === legs ? heldGrid.grid : undefined;
  const valuation = useMemo(() => {
    if (!product || !symbol || legs.length === 0 || legChains.some((legChain) => !legChain)) return null;
    return valueStrategy(
      { product: symbol, legs: [...legs] },
      product,
      legChains as EnrichedChain[],
      scenario,
      grid,
    );
  }, [product, symbol, legs, legChains, scenario, grid]);
  if (valuation?.ok && grid === undefined) setHeldGrid({ legs, grid: valuation.grid });

  const figure = useMemo(
    () =>
      valuation?.ok && product
        ? payoffFigure(valuation.analysis, {
            timeZone: product.time_zone,
            currency: product.currency,
            revision: JSON.stringify(legs),
          })
        : null,
    [valuation, product, legs],
  );

  /** The latest chain of an expiry: the cached one, else read now. */
  const latestChain = useCallback(
    async (expiryOfLeg: string): Promise<EnrichedChain> => {
      const cached = queryClient.getQueryData<ChainResponse>(marketKeys.chain(symbol ?? '', expiryOfLeg))
        ?.chains[0];
      if (cached) return cached;
      const read = await queryClient.fetchQuery(chainQuery(queryClient, symbol ?? '', expiryOfLeg));
      const latest = read.chains[0];
      if (!latest) throw new Error(`no chain for ${expiryOfLeg} yet`);
      return latest;
    },
    [queryClient, symbol],
  );
  const report = (error: unknown) => setMessage(messageOf(error));

  // Stable while the product is: the chain's memoised rows keep rendering only when their numbers change.
  const pick = useCallback(
    (quote: EnrichedOptionQuote, side: TradeSide) => {
      latestChain(quote.expiry)
        .then((latest) => {
          // Priced before the state changes: a quote that cannot be traded (no IV) is a message.
          const leg = pickedLeg(quote, side, latest);
          setMessage(null);
          addLeg(leg);
        })
        .catch((error: unknown) => setMessage(messageOf(error)));
    },
    [latestChain, addLeg],
  );

  const edit = (index: number, change: LegChange) => {
    const leg = legs[index];
    if (!leg) return;
    const chains =
      leg.kind === 'option' && needsRepricing(leg, change)
        ? latestChain(change.expiry ?? leg.expiry).then((latest) => [latest])
        : Promise.resolve([]);
    chains
      .then((found) => {
        const next = editedLeg(leg, change, found);
        setMessage(null);
        replaceLeg(index, next);
      })
      .catch(report);
  };

  const build = (choice: PresetChoice) => {
    if (!symbol) return;
    setBuilding(true);
    fetchPreset({ product: symbol, ...choice })
      .then((strategy) => {
        setMessage(null);
        load({ ...strategy, label: presetLabel(choice.preset) });
      })
      .catch(report)
      .finally(() => setBuilding(false));
  };

  const open = (entry: SavedStrategyJson) => {
    setMessage(null);
    selectProduct(entry.strategy.product);
    load({ ...entry.strategy, label: entry.name });
  };

  return (
    <MarketPage view={view} userEmail={userEmail} page="strategies">
      <main
        data-testid="strategy-page"
        className="grid flex-1 gap-2 p-2 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:items-start"
      >
        <div className="flex min-w-0 flex-col gap-2">
          <Panel
            title={draft.label && legs.length > 0 ? `Strategy · ${draft.label}` : 'Strategy'}
            tools={
              legs.length > 0 && (
                <button
                  type="button"
                  data-testid="strategy-clear"
                  onClick={() => {
                    setMessage(null);
                    clear();
                  }}
                  className="rounded border border-slate-700 px-2 py-0.5 text-slate-300 hover:border-slate-500"
                >
                  Clear
                </button>
              )
            }
          >
            <PresetPicker expiries={expiryList} expiry={expiry} busy={building} onBuild={build} />
            {message && (
              <p role="alert" data-testid="builder-error" className="px-3 pb-2 text-xs text-red-300">
                {message}
              </p>
            )}
            <LegTable
              legs={legs}
              expiries={expiryList}
              chains={chainsByExpiry}
              onChange={edit}
              onRemove={removeLeg}
            />
          </Panel>
          {valuation?.ok && product && (
            <StrategySummary analysis={valuation.analysis} currency={product.currency} />
          )}
          <Panel
            title="Payoff"
            tools={
              <>
                {valuation?.ok && timeZone && (
                  <span data-testid="strategy-as-of">
                    as of {formatExchangeTime(Date.parse(valuation.market.as_of), timeZone)}
                  </span>
                )}
                <ScenarioControls
                  scenario={scenario}
                  maxDays={valuation?.ok ? valuation.analysis.days_to_nearest_expiry : 0}
                  onChange={setScenario}
                />
              </>
            }
          >
            <div className="flex min-h-96 flex-col">
              {figure ? (
                <PlotlyChart testId="chart-payoff" figure={figure} />
              ) : valuation && !valuation.ok ? (
                <PanelMessage tone="error">{valuation.message}</PanelMessage>
              ) : legChainError ? (
                <PanelMessage tone="error">
                  A leg’s chain is not available: {legChainError.message}
                </PanelMessage>
              ) : (
                <PanelMessage>
                  {legs.length === 0 ? 'Add legs to see the payoff.' : 'Waiting for the legs’ chains…'}
                </PanelMessage>
              )}
            </div>
          </Panel>
        </div>
        <ChainPanel
          className="h-[70vh] min-h-[420px] xl:sticky xl:top-16 xl:row-span-2 xl:h-[calc(100vh-5rem)]"
          chain={chain}
          timeZone={timeZone}
          loading={chainQueryResult.isPending}
          error={chainQueryResult.error ?? expiries.error}
          columns="trade"
          onPick={pick}
        />
        <Panel title="Saved strategies" className="min-w-0">
          <SavedStrategies
            draft={{ ...draft, legs: [...legs], product: symbol ?? draft.product }}
            timeZoneOf={(symbolOf) => catalogue.find((entry) => entry.symbol === symbolOf)?.time_zone}
            onOpen={open}
          />
        </Panel>
      </main>
    </MarketPage>
  );
}
