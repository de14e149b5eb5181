// Ready-made strategies built from live chains around the at-the-money strike, the way traders set them
// up. Strikes are the ATM strike (the listed strike nearest spot) moved by whole strike steps:
//   - `width` = width_steps strikes (default 2): the distance of a vertical spread's second strike, of a
//     butterfly's wings, of a ratio spread's short strike and of a diagonal's near strike;
//   - `sigma` = the 1σ move to the near expiry, spot × ATM IV × √T (the one-standard-deviation move traders
//     quote), rounded to whole strikes and at least one: strangles sit at ATM ± sigma, an iron condor sells
//     ATM ± sigma (near the ±1σ prices, about 16-delta options) and buys its wings `width` further out, an
//     iron butterfly sells the ATM straddle and buys its wings at ATM ± sigma (just beyond its breakevens,
//     which lie near ±0.8σ: Brenner & Subrahmanyam 1988).
// Credit spreads sell the ATM strike and buy the wing; calendars and diagonals sell the near expiry and
// buy the far one, with calls. Entry prices follow entryPrice (ask to buy, bid to sell) and each leg's IV
// is the chain's solved IV of that quote.

import { z } from 'zod';
import { AnalyticsInputError, atmStrike } from '../analytics';
import { requireNumber } from '../analytics/input-checks';
import { ExpiryDateSchema, type EnrichedChain, type OptionType } from '../schemas';
import { entryPrice } from './entry-price';
import { oneSigmaMove } from './probability';
import { LotsSchema, type OptionLeg, type Strategy, type TradeSide } from './strategy-schema';

export const StrategyPresetSchema = z.enum([
  'long-call',
  'short-call',
  'long-put',
  'short-put',
  'bull-call-spread',
  'bear-call-spread',
  'bull-put-spread',
  'bear-put-spread',
  'long-straddle',
  'short-straddle',
  'long-strangle',
  'short-strangle',
  'iron-condor',
  'iron-butterfly',
  'long-call-butterfly',
  'long-put-butterfly',
  'call-ratio-spread',
  'put-ratio-spread',
  'calendar-spread',
  'diagonal-spread',
]);
export type StrategyPreset = z.infer<typeof StrategyPresetSchema>;

/**
 * Which preset, how many lots (a ratio spread sells twice as many), how wide in strikes, and which
 * expiries: `expiry` defaults to the nearest chain given, `far_expiry` (calendars and diagonals) to the
 * next one after it.
 */
export const PresetRequestSchema = z.object({
  preset: StrategyPresetSchema,
  lots: LotsSchema.default(1),
  width_steps: z.number().int().min(1).max(50).default(2),
  expiry: ExpiryDateSchema.optional(),
  far_expiry: ExpiryDateSchema.optional(),
});
export type PresetRequest = z.infer<typeof PresetRequestSchema>;

interface Distances {
  width: number;
  sigma: () => number;
}

interface LegTemplate {
  side: TradeSide;
  optionType: OptionType;
  /** Strike minus the ATM strike. */
  offset: (distances: Distances) => number;
  ratio: 1 | 2;
  expiry: 'near' | 'far';
}

function leg(
  side: TradeSide,
  optionType: OptionType,
  offset: (distances: Distances) => number,
  { ratio = 1, expiry = 'near' }: { ratio?: 1 | 2; expiry?: 'near' | 'far' } = {},
): LegTemplate {
  return { side, optionType, offset, ratio, expiry };
}

const atm = () => 0;
const up = ({ width }: Distances) => width;
const down = ({ width }: Distances) => -width;
const upSigma = ({ sigma }: Distances) => sigma();
const downSigma = ({ sigma }: Distances) => -sigma();

const PRESET_LEGS: Record<StrategyPreset, LegTemplate[]> = {
  'long-call': [leg('BUY', 'CALL', atm)],
  'short-call': [leg('SELL', 'CALL', atm)],
  'long-put': [leg('BUY', 'PUT', atm)],
  'short-put': [leg('SELL', 'PUT', atm)],
  'bull-call-spread': [leg('BUY', 'CALL', atm), leg('SELL', 'CALL', up)],
  'bear-call-spread': [leg('SELL', 'CALL', atm), leg('BUY', 'CALL', up)],
  'bull-put-spread': [leg('BUY', 'PUT', down), leg('SELL', 'PUT', atm)],
  'bear-put-spread': [leg('SELL', 'PUT', down), leg('BUY', 'PUT', atm)],
  'long-straddle': [leg('BUY', 'PUT', atm), leg('BUY', 'CALL', atm)],
  'short-straddle': [leg('SELL', 'PUT', atm), leg('SELL', 'CALL', atm)],
  'long-strangle': [leg('BUY', 'PUT', downSigma), leg('BUY', 'CALL', upSigma)],
  'short-strangle': [leg('SELL', 'PUT', downSigma), leg('SELL', 'CALL', upSigma)],
  'iron-condor': [
    leg('BUY', 'PUT', (d) => -d.sigma() - d.width),
    leg('SELL', 'PUT', downSigma),
    leg('SELL', 'CALL', upSigma),
    leg('BUY', 'CALL', (d) => d.sigma() + d.width),
  ],
  'iron-butterfly': [
    leg('BUY', 'PUT', downSigma),
    leg('SELL', 'PUT', atm),
    leg('SELL', 'CALL', atm),
    leg('BUY', 'CALL', upSigma),
  ],
  'long-call-butterfly': [
    leg('BUY', 'CALL', down),
    leg('SELL', 'CALL', atm, { ratio: 2 }),
    leg('BUY', 'CALL', up),
  ],
  'long-put-butterfly': [
    leg('BUY', 'PUT', down),
    leg('SELL', 'PUT', atm, { ratio: 2 }),
    leg('BUY', 'PUT', up),
  ],
  'call-ratio-spread': [leg('BUY', 'CALL', atm), leg('SELL', 'CALL', up, { ratio: 2 })],
  'put-ratio-spread': [leg('SELL', 'PUT', down, { ratio: 2 }), leg('BUY', 'PUT', atm)],
  'calendar-spread': [leg('SELL', 'CALL', atm), leg('BUY', 'CALL', atm, { expiry: 'far' })],
  'diagonal-spread': [leg('SELL', 'CALL', up), leg('BUY', 'CALL', atm, { expiry: 'far' })],
};

function chainIndex(chains: readonly EnrichedChain[], expiry: string, field: string): number {
  const index = chains.findIndex((chain) => chain.expiry === expiry);
  if (index < 0) throw new AnalyticsInputError(field, `no chain for expiry ${expiry} was given`);
  return index;
}

/**
 * The legs of `request.preset` on `chains` (one or more expiries of one product, any order) around
 * `spot`, with strikes `strikeStep` apart. Throws AnalyticsInputError naming the field when a needed
 * strike is not quoted, a quote has no IV, or the near chain has no ATM IV for a ±1σ preset.
 */
export function buildPreset(
  request: PresetRequest,
  chains: readonly EnrichedChain[],
  spot: number,
  strikeStep: number,
): Strategy {
  requireNumber(spot, 'spot', 'positive');
  requireNumber(strikeStep, 'strikeStep', 'positive');
  if (chains.length === 0) throw new AnalyticsInputError('chains', 'must not be empty');
  chains.forEach((chain, i) => {
    if (chain.product !== chains[0]!.product) {
      throw new AnalyticsInputError(
        `chains.${i}.product`,
        `must be ${chains[0]!.product} like the first chain`,
      );
    }
  });
  const byExpiry = chains
    .map((chain, i) => ({ chain, i }))
    .sort((a, b) => (a.chain.expiry < b.chain.expiry ? -1 : 1));
  const near = request.expiry === undefined ? byExpiry[0]!.i : chainIndex(chains, request.expiry, 'expiry');
  const nearChain = chains[near]!;
  const templates = PRESET_LEGS[request.preset];
  let far = -1;
  if (templates.some((template) => template.expiry === 'far')) {
    far =
      request.far_expiry === undefined
        ? (byExpiry.find(({ chain }) => chain.expiry > nearChain.expiry)?.i ?? -1)
        : chainIndex(chains, request.far_expiry, 'far_expiry');
    if (far < 0 || !(chains[far]!.expiry > nearChain.expiry)) {
      throw new AnalyticsInputError(
        'far_expiry',
        `${request.preset} needs a chain expiring after ${nearChain.expiry}`,
      );
    }
  }
  const atmStrikeNear = atmStrike(nearChain.strikes, spot);
  const distances: Distances = {
    width: request.width_steps * strikeStep,
    sigma: () => {
      const { atm_iv: atmIv, time_to_expiry_years: timeYears } = nearChain;
      if (atmIv === null) {
        throw new AnalyticsInputError(
          `chains.${near}.atm_iv`,
          `${request.preset} needs the ATM IV for its ±1σ strikes`,
        );
      }
      return Math.max(1, Math.round(oneSigmaMove(spot, atmIv, timeYears) / strikeStep)) * strikeStep;
    },
  };
  const legs = templates.map((template): OptionLeg => {
    const index = template.expiry === 'near' ? near : far;
    const chain = chains[index]!;
    const list = template.optionType === 'CALL' ? 'calls' : 'puts';
    const strike = atmStrikeNear + template.offset(distances);
    // Strikes are compared to a millionth of a step: ATM ± n steps is computed in floating point.
    const j = chain[list].findIndex((quote) => Math.abs(quote.strike - strike) <= strikeStep * 1e-6);
    if (j < 0) {
      throw new AnalyticsInputError(
        `chains.${index}.${list}`,
        `${request.preset} needs a ${template.optionType} at strike ${strike} of ${chain.expiry}, which is not quoted`,
      );
    }
    const quote = chain[list][j]!;
    if (quote.iv === null) {
      throw new AnalyticsInputError(
        `chains.${index}.${list}.${j}.iv`,
        'is null: the quote carries no volatility',
      );
    }
    return {
      kind: 'option',
      expiry: chain.expiry,
      strike: quote.strike,
      option_type: template.optionType,
      side: template.side,
      lots: template.ratio * request.lots,
      entry_price: entryPrice(quote, template.side),
      iv: quote.iv,
    };
  });
  return { product: nearChain.product, legs };
}
