'use client';

import { queryOptions, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { IV_RV_SPREAD_WINDOW_DAYS } from '@deltastream/core/volatility';
import type {
  ChainResponse,
  ExpiriesResponse,
  MaxPainResponse,
  OhlcResponse,
  OiBuildupResponse,
  PcrResponse,
  ProductsResponse,
  UnderlyingResponse,
  VolatilitySurfaceResponse,
} from '../contracts/rest';
import type {
  IvHistoryResponse,
  RealizedVolResponse,
  TermStructureResponse,
} from '../contracts/volatility-history';
import { apiFetch } from './api';
import { newerChainResponse } from './live-cache';
import { marketKeys, type CandleInterval } from './query-keys';

/** Points of the PCR trend: the REST history asked for, and the most the live series keeps. */
export const PCR_TREND_POINTS = 300;
/** Candles of the OHLC chart: the REST read asked for, and the most the live series keeps. */
export const OHLC_CANDLES = 300;
/** The surface spans every expiry, and no single chain update rebuilds it: it is re-read this often. */
const SURFACE_REFRESH_MS = 30_000;
/**
 * The volatility history moves slowly: the worker records the IV once a minute (today's close is
 * rewritten each time) and the term structure's earlier curves a day and a week back barely move.
 */
const VOLATILITY_REFRESH_MS = 60_000;
/** Exchange dates of the IV history chart: a year, the IV rank's lookback (252 trading days). */
export const IV_HISTORY_DAYS = 366;
/** An expiry rolls off at its close and the next listed one appears: the list is re-read this often. */
const EXPIRIES_REFRESH_MS = 60_000;

const segment = encodeURIComponent;

/**
 * The REST reads behind the dashboard's tables and history charts, each written once: the queries read
 * them as JSON and the Download CSV links ask the same URL for `format=csv`.
 */
export const MARKET_READS = {
  chain: (product: string, expiry: string) => `/api/data/chain/${segment(product)}?expiry=${segment(expiry)}`,
  pcr: (product: string, expiry: string) =>
    `/api/analytics/pcr/${segment(product)}?expiry=${segment(expiry)}&history=${PCR_TREND_POINTS}`,
  ohlc: (product: string, interval: CandleInterval) =>
    `/api/data/ohlc/${segment(product)}?interval=${interval}&limit=${OHLC_CANDLES}`,
  ivHistory: (product: string) => `/api/analytics/iv-history/${segment(product)}?days=${IV_HISTORY_DAYS}`,
} as const;

/** The CSV form of a REST read: the same URL with `format=csv`. */
export function csvUrl(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}format=csv`;
}

export function useProducts() {
  return useQuery({
    queryKey: marketKeys.products(),
    queryFn: () => apiFetch<ProductsResponse>('/api/data/products'),
    staleTime: Infinity,
  });
}

/** Only `latest` (with the day's change) is shown, so one tick of history is enough. */
export function useUnderlying(product: string | undefined) {
  return useQuery({
    queryKey: marketKeys.underlying(product ?? ''),
    queryFn: () => apiFetch<UnderlyingResponse>(`/api/data/underlying/${segment(product!)}?limit=1`),
    enabled: product !== undefined,
  });
}

export function useExpiries(product: string | undefined) {
  return useQuery({
    queryKey: marketKeys.expiries(product ?? ''),
    queryFn: () => apiFetch<ExpiriesResponse>(`/api/data/expiries/${segment(product!)}`),
    enabled: product !== undefined,
    refetchInterval: EXPIRIES_REFRESH_MS,
  });
}

/**
 * The query of one expiry's newest snapshot: REST reads it, the socket keeps it current between reads,
 * and a read never replaces a newer snapshot the socket already brought.
 */
export function chainQuery(queryClient: QueryClient, product: string, expiry: string) {
  const queryKey = marketKeys.chain(product, expiry);
  return queryOptions({
    queryKey,
    queryFn: async () =>
      newerChainResponse(
        queryClient.getQueryData<ChainResponse>(queryKey),
        await apiFetch<ChainResponse>(MARKET_READS.chain(product, expiry)),
      ),
  });
}

/** The newest snapshot of one expiry; the socket keeps it current between reads. */
export function useChain(product: string | undefined, expiry: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    ...chainQuery(queryClient, product ?? '', expiry ?? ''),
    enabled: product !== undefined && expiry !== undefined,
  });
}

/** Declared once, so useQueries keeps its combined answer while no query changed. */
const newestSnapshots = (results: readonly { data?: ChainResponse | undefined; error: Error | null }[]) => ({
  chains: results.map((result) => result.data?.chains[0]),
  error: results.find((result) => result.error !== null)?.error ?? null,
});

/**
 * The newest snapshot of each of several expiries, in their order (undefined while one loads), and the
 * first read that failed (an expiry that has rolled off), if any.
 */
export function useChains(product: string, expiries: readonly string[]) {
  const queryClient = useQueryClient();
  return useQueries({
    queries: expiries.map((expiry) => chainQuery(queryClient, product, expiry)),
    combine: newestSnapshots,
  });
}

export function usePcr(product: string | undefined, expiry: string | undefined) {
  return useQuery({
    queryKey: marketKeys.pcr(product ?? '', expiry ?? ''),
    queryFn: () => apiFetch<PcrResponse>(MARKET_READS.pcr(product!, expiry!)),
    enabled: product !== undefined && expiry !== undefined,
  });
}

export function useMaxPain(product: string, expiry: string) {
  return useQuery({
    queryKey: marketKeys.maxPain(product, expiry),
    queryFn: () =>
      apiFetch<MaxPainResponse>(`/api/analytics/max-pain/${segment(product)}?expiry=${segment(expiry)}`),
  });
}

export function useOiBuildup(product: string, expiry: string) {
  return useQuery({
    queryKey: marketKeys.oiBuildup(product, expiry),
    queryFn: () =>
      apiFetch<OiBuildupResponse>(`/api/analytics/oi-buildup/${segment(product)}?expiry=${segment(expiry)}`),
  });
}

export function useVolatilitySurface(product: string) {
  return useQuery({
    queryKey: marketKeys.volatilitySurface(product),
    queryFn: () =>
      apiFetch<VolatilitySurfaceResponse>(`/api/analytics/volatility-surface/${segment(product)}`),
    refetchInterval: SURFACE_REFRESH_MS,
  });
}

export function useOhlc(product: string, interval: CandleInterval) {
  return useQuery({
    queryKey: marketKeys.ohlc(product, interval),
    queryFn: () => apiFetch<OhlcResponse>(MARKET_READS.ohlc(product, interval)),
  });
}

/** The IV's daily closes over the last year with today's IV rank: the IV cards and the IV history chart. */
export function useIvHistory(product: string | undefined) {
  return useQuery({
    queryKey: marketKeys.ivHistory(product ?? ''),
    queryFn: () => apiFetch<IvHistoryResponse>(MARKET_READS.ivHistory(product!)),
    enabled: product !== undefined,
    refetchInterval: VOLATILITY_REFRESH_MS,
  });
}

/** The latest realised volatility of the spread's window and the IV − RV spread: the RV cards. */
export function useRealizedVol(product: string | undefined) {
  return useQuery({
    queryKey: marketKeys.realizedVol(product ?? ''),
    queryFn: () =>
      apiFetch<RealizedVolResponse>(
        `/api/analytics/realized-vol/${segment(product!)}?windows=${IV_RV_SPREAD_WINDOW_DAYS}&limit=1`,
      ),
    enabled: product !== undefined,
    refetchInterval: VOLATILITY_REFRESH_MS,
  });
}

export function useTermStructure(product: string) {
  return useQuery({
    queryKey: marketKeys.termStructure(product),
    queryFn: () => apiFetch<TermStructureResponse>(`/api/analytics/term-structure/${segment(product)}`),
    refetchInterval: VOLATILITY_REFRESH_MS,
  });
}
