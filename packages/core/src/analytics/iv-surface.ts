import { ExpiryDateSchema } from '../schemas';
import { AnalyticsInputError, requireNumber } from './input-checks';
import { ivSmile, type StrikeIv } from './iv-smile';

/** One expiry's quotes; wire chains (`expiry`, `calls`, `puts`) fit as they are. */
export interface ExpiryQuotes {
  expiry: string;
  calls: readonly StrikeIv[];
  puts: readonly StrikeIv[];
}

/**
 * The IV surface in the one shape used everywhere (REST, socket, charts): a strikes × expiries grid.
 *   iv[e][k] is the OTM implied volatility (ivSmile's otm_iv) of expiries[e] at strikes[k];
 *   null where that expiry has no quote at that strike or its price carried no IV (never 0 or NaN).
 * `strikes` is the ascending union of every expiry's strikes, `expiries` ascend (ISO dates sort as
 * strings), and `moneyness[k]` = strikes[k] / spot: simple spot moneyness, the same for every expiry,
 * so the axis can be relabelled without a forward curve.
 */
export interface IvSurface {
  spot: number;
  expiries: string[];
  strikes: number[];
  moneyness: number[];
  iv: (number | null)[][];
}

export function ivSurface(chains: readonly ExpiryQuotes[], spot: number): IvSurface {
  requireNumber(spot, 'spot', 'positive');
  const seen = new Set<string>();
  chains.forEach((chain, i) => {
    if (!ExpiryDateSchema.safeParse(chain.expiry).success) {
      throw new AnalyticsInputError(
        `chains[${i}].expiry`,
        `must be a date as YYYY-MM-DD, got ${chain.expiry}`,
      );
    }
    if (seen.has(chain.expiry)) throw new AnalyticsInputError(`chains[${i}].expiry`, 'duplicate expiry');
    seen.add(chain.expiry);
  });
  const sorted = [...chains].sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
  const smiles = sorted.map((chain) => ivSmile(chain.calls, chain.puts, spot));
  const strikes = [...new Set(smiles.flatMap((smile) => smile.strikes))].sort((a, b) => a - b);
  const column = new Map(strikes.map((strike, k) => [strike, k]));
  const iv = smiles.map((smile) => {
    const row = new Array<number | null>(strikes.length).fill(null);
    smile.strikes.forEach((strike, j) => {
      row[column.get(strike)!] = smile.otm_iv[j] ?? null;
    });
    return row;
  });
  return {
    spot,
    expiries: sorted.map((chain) => chain.expiry),
    strikes,
    moneyness: strikes.map((strike) => strike / spot),
    iv,
  };
}
