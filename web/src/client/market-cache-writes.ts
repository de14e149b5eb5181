import type { QueryClient } from '@tanstack/react-query';
import type { EnrichedChain, EnrichedUnderlying } from '@deltastream/core/schemas';
import type {
  ChainResponse,
  MaxPainResponse,
  OhlcResponse,
  OiBuildupResponse,
  PcrResponse,
  ProductsResponse,
  UnderlyingResponse,
} from '../contracts/rest';
import {
  withLiveCandle,
  withLiveChain,
  withLiveMaxPain,
  withLiveOiBuildup,
  withLivePcr,
  withLiveUnderlying,
} from './live-cache';
import { OHLC_CANDLES, PCR_TREND_POINTS } from './market-queries';
import { marketKeys } from './query-keys';

/** A live underlying tick into the REST caches it changes: the latest price and every interval's candles. */
export function writeUnderlyingTick(queryClient: QueryClient, tick: EnrichedUnderlying): void {
  queryClient.setQueryData<UnderlyingResponse>(marketKeys.underlying(tick.product), (cached) =>
    withLiveUnderlying(cached, tick),
  );
  // Candles follow the exchange's wall clock (a 1d candle is a local trading day), as the REST ones do.
  const timeZone =
    queryClient
      .getQueryData<ProductsResponse>(marketKeys.products())
      ?.catalogue.find((product) => product.symbol === tick.product)?.time_zone ?? 'UTC';
  queryClient.setQueriesData<OhlcResponse>({ queryKey: marketKeys.ohlc(tick.product) }, (cached) =>
    withLiveCandle(cached, tick, timeZone, OHLC_CANDLES),
  );
}

/** A live enriched chain into the REST caches of its expiry: the chain, the PCR trend, max pain, build-up. */
export function writeChain(queryClient: QueryClient, chain: EnrichedChain): void {
  const { product, expiry } = chain;
  queryClient.setQueryData<ChainResponse>(marketKeys.chain(product, expiry), (cached) =>
    withLiveChain(cached, chain),
  );
  queryClient.setQueryData<PcrResponse>(marketKeys.pcr(product, expiry), (cached) =>
    withLivePcr(cached, chain, PCR_TREND_POINTS),
  );
  queryClient.setQueryData<MaxPainResponse>(marketKeys.maxPain(product, expiry), (cached) =>
    withLiveMaxPain(cached, chain),
  );
  queryClient.setQueryData<OiBuildupResponse>(marketKeys.oiBuildup(product, expiry), (cached) =>
    withLiveOiBuildup(cached, chain),
  );
}
