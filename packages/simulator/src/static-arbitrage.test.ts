import { describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { expiryInstantMs, listExpiries } from '@deltastream/core/calendar';
import { yearFraction } from '@deltastream/core/pricing';
import type { OptionChain, OptionQuote, Product } from '@deltastream/core/schemas';
import { createMarketSimulator } from './simulator';
import { atmTotalVariance, totalImpliedVariance } from './volatility-surface';

const catalogue = loadCatalogueFile();
/** A hair for binary fractions: prices are multiples of a tick, the discounting is not. */
const EPS = 1e-9;

function timeToExpiryYears(product: Product, nowMs: number, expiry: string): number {
  return yearFraction(nowMs, expiryInstantMs(product, expiry), product.conventions.day_count, {
    holidays: product.holidays,
    timeZone: product.time_zone,
  });
}

/** Discount factor and forward of one chain, in the product's model. */
function carry(product: Product, chain: OptionChain): { discount: number; forward: number } {
  const { model, rate, dividend_yield } = product.conventions;
  const t = timeToExpiryYears(product, Date.parse(chain.timestamp), chain.expiry);
  const forward =
    model === 'black-76' ? chain.spot_price : chain.spot_price * Math.exp((rate - dividend_yield) * t);
  return { discount: Math.exp(-rate * t), forward };
}

const mid = (q: OptionQuote) => (q.bid + q.ask) / 2;

/**
 * Every static-arbitrage rule within one chain (one expiry) that its quotes break; each broken inequality
 * is one line naming the rule, the contracts and the amount.
 */
function chainViolations(product: Product, chain: OptionChain): string[] {
  const found: string[] = [];
  const where = `${chain.product} ${chain.expiry} @${chain.timestamp}`;
  const { discount, forward } = carry(product, chain);
  const { strikes, calls, puts } = chain;
  const n = strikes.length;
  const K = (i: number) => strikes[i] as number;
  const C = (i: number) => calls[i] as OptionQuote;
  const P = (i: number) => puts[i] as OptionQuote;

  for (let i = 0; i + 1 < n; i += 1) {
    // Mids: calls non-increasing, puts non-decreasing in the strike.
    if (mid(C(i + 1)) > mid(C(i)) + EPS) found.push(`mid call rises ${where} ${K(i)}→${K(i + 1)}`);
    if (mid(P(i)) > mid(P(i + 1)) + EPS) found.push(`mid put falls ${where} ${K(i)}→${K(i + 1)}`);
  }
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const width = K(j) - K(i);
      // Verticals at the quotes: buying one never pays less than 0, selling one never gets more than the
      // discounted distance between the strikes (P. Carr and D. Madan, "A note on sufficient conditions
      // for no arbitrage", Finance Research Letters 2, 2005, with butterflies and calendars below).
      const buyCallSpread = C(i).ask - C(j).bid;
      const sellCallSpread = C(i).bid - C(j).ask;
      const buyPutSpread = P(j).ask - P(i).bid;
      const sellPutSpread = P(j).bid - P(i).ask;
      if (buyCallSpread < -EPS) found.push(`call vertical ${where} ${K(i)}/${K(j)} costs ${buyCallSpread}`);
      if (buyPutSpread < -EPS) found.push(`put vertical ${where} ${K(i)}/${K(j)} costs ${buyPutSpread}`);
      if (sellCallSpread > discount * width + EPS)
        found.push(
          `call vertical ${where} ${K(i)}/${K(j)} sells for ${sellCallSpread} > ${discount * width}`,
        );
      if (sellPutSpread > discount * width + EPS)
        found.push(`put vertical ${where} ${K(i)}/${K(j)} sells for ${sellPutSpread} > ${discount * width}`);
      for (let k = j + 1; k < n; k += 1) {
        // Butterfly K(i) < K(j) < K(k): λ of the low wing and 1 − λ of the high wing against one body,
        // λ = (K(k) − K(j)) / (K(k) − K(i)) (equal spacing: the 1 : −2 : 1 fly, halved).
        const lambda = (K(k) - K(j)) / (K(k) - K(i));
        const fly = (low: number, body: number, high: number) => lambda * low + (1 - lambda) * high - body;
        const callAtQuotes = fly(C(i).ask, C(j).bid, C(k).ask);
        const putAtQuotes = fly(P(i).ask, P(j).bid, P(k).ask);
        if (callAtQuotes < -EPS)
          found.push(`call butterfly ${where} ${K(i)}/${K(j)}/${K(k)} costs ${callAtQuotes}`);
        if (putAtQuotes < -EPS)
          found.push(`put butterfly ${where} ${K(i)}/${K(j)}/${K(k)} costs ${putAtQuotes}`);
        if (k === j + 1 && j === i + 1) {
          const callAtMid = fly(mid(C(i)), mid(C(j)), mid(C(k)));
          const putAtMid = fly(mid(P(i)), mid(P(j)), mid(P(k)));
          if (callAtMid < -EPS) found.push(`mid call not convex ${where} ${K(j)}: ${callAtMid}`);
          if (putAtMid < -EPS) found.push(`mid put not convex ${where} ${K(j)}: ${putAtMid}`);
        }
      }
    }
    // Put-call parity: the discounted forward less the strike lies between a conversion and a reversal
    // at the quotes, C − P = D·(F − K) (Hull 8th ed., Ch. 11 and 17).
    const parity = discount * (forward - K(i));
    const low = C(i).bid - P(i).ask;
    const high = C(i).ask - P(i).bid;
    if (parity < low - EPS || parity > high + EPS)
      found.push(`parity ${where} ${K(i)}: ${parity} outside [${low}, ${high}]`);
  }
  return found;
}

/**
 * Calendar spreads between two expiries T1 < T2 at one instant, with rates and dividends: e^{…} carry
 * makes the raw prices at one strike the wrong comparison. At a fixed forward moneyness, K2 = K1·F2/F1,
 * m·C2(K2) ≥ C1(K1) and m·P2(K2) ≥ P1(K1) with m = D1·F1 / (D2·F2) (the T2 option at T1 is worth at least
 * its discounted intrinsic value on the forward); calls fall and puts rise with the strike, so a listed
 * K' ≤ K2 (calls) or K' ≥ K2 (puts) dominates too. Buying m of the T2 option at its ask and selling the T1
 * option at its bid must not earn money up front.
 */
function calendarViolations(product: Product, near: OptionChain, far: OptionChain): string[] {
  const found: string[] = [];
  const c1 = carry(product, near);
  const c2 = carry(product, far);
  const ratio = c2.forward / c1.forward;
  const m = (c1.discount * c1.forward) / (c2.discount * c2.forward);
  const where = `${near.product} ${near.expiry}/${far.expiry} @${near.timestamp}`;
  near.strikes.forEach((strike, i) => {
    const target = strike * ratio;
    const callIndex = far.strikes.findLastIndex((k) => k <= target + EPS);
    const putIndex = far.strikes.findIndex((k) => k >= target - EPS);
    const nearCall = near.calls[i] as OptionQuote;
    const nearPut = near.puts[i] as OptionQuote;
    if (callIndex >= 0) {
      const farCall = far.calls[callIndex] as OptionQuote;
      if (m * farCall.ask < nearCall.bid - EPS)
        found.push(
          `call calendar ${where} ${strike}/${farCall.strike}: ${m * farCall.ask} < ${nearCall.bid}`,
        );
    }
    if (putIndex >= 0) {
      const farPut = far.puts[putIndex] as OptionQuote;
      if (m * farPut.ask < nearPut.bid - EPS)
        found.push(`put calendar ${where} ${strike}/${farPut.strike}: ${m * farPut.ask} < ${nearPut.bid}`);
    }
  });
  return found;
}

/** Total implied variance σ²·T of the simulated surface at log forward moneyness k. */
function totalVariance(product: Product, k: number, t: number): number {
  return totalImpliedVariance(atmTotalVariance(product.volatility, t), k);
}

/**
 * Gatheral and Jacquier (2014), "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14(1),
 * Lemma 2.1: no calendar arbitrage iff total implied variance is non-decreasing in T at every fixed log
 * forward moneyness k = ln(K/F_T).
 */
function totalVarianceViolations(product: Product, chains: readonly OptionChain[], nowMs: number): string[] {
  const found: string[] = [];
  const times = chains.map((c) => timeToExpiryYears(product, nowMs, c.expiry));
  for (let e = 0; e + 1 < times.length; e += 1) {
    const [t1, t2] = [times[e] as number, times[e + 1] as number];
    for (let k = -1.5; k <= 1.5 + EPS; k += 0.01) {
      const [w1, w2] = [totalVariance(product, k, t1), totalVariance(product, k, t2)];
      if (w2 < w1 * (1 - 1e-12))
        found.push(`total variance falls ${product.symbol} k=${k.toFixed(2)} T ${t1}→${t2}: ${w1} > ${w2}`);
    }
  }
  return found;
}

const rates = { ticksPerSecond: 1, chainIntervalMs: 10_000 };
const MINUTE = 60_000;

/**
 * The instants a product is checked at: five minutes of a session from `sessionStartMs` (a chain every
 * ten seconds, the underlying moving every second), then the day before its nearest expiry, an hour
 * before it and its last minutes.
 */
function checkTimes(product: Product, sessionStartMs: number): number[] {
  const session = Array.from({ length: 31 }, (_, i) => sessionStartMs + i * rates.chainIntervalMs);
  const sessionEndMs = session.at(-1) as number;
  const nearest = listExpiries(product, sessionEndMs)[0] as string;
  const expiryMs = expiryInstantMs(product, nearest);
  const approach = [24 * 60, 60, 5, 1].map((minutes) => expiryMs - minutes * MINUTE);
  return [...session, ...approach.filter((ms) => ms > sessionEndMs)];
}

function violationsOver(sessionStartMs: number): string[] {
  const found: string[] = [];
  for (const product of catalogue) {
    const simulator = createMarketSimulator({ products: [product], seed: 17, rates });
    for (const nowMs of checkTimes(product, sessionStartMs)) {
      const { chains } = simulator.advance(nowMs);
      for (const chain of chains) found.push(...chainViolations(product, chain));
      for (let e = 0; e + 1 < chains.length; e += 1)
        found.push(...calendarViolations(product, chains[e] as OptionChain, chains[e + 1] as OptionChain));
      found.push(...totalVarianceViolations(product, chains, nowMs));
    }
  }
  return found;
}

function summarise(found: readonly string[]): string {
  const byRule = new Map<string, number>();
  for (const line of found) {
    const rule = line.slice(0, line.search(/ [A-Z]{2,}[A-Z0-9]* /));
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  return (
    [...byRule].map(([rule, count]) => `${count} × ${rule}`).join('\n') + '\n' + found.slice(0, 20).join('\n')
  );
}

describe('simulated quotes are free of static arbitrage, over the whole catalogue', () => {
  it.each([
    ['an Indian session (09:20 IST, a Tuesday expiry day)', '2026-12-08T03:50:00Z'],
    ['a US session (09:35 New York, a Friday expiry day)', '2026-12-11T14:35:00Z'],
  ])('at mid and at bid/ask through %s, the day before an expiry and its last minutes', (_, startIso) => {
    const found = violationsOver(Date.parse(startIso));
    expect(found, summarise(found)).toEqual([]);
  });
});
