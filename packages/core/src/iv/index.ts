export type { OptionType } from '../schemas';
export {
  impliedVolatilityBlack76,
  impliedVolatilityBlackScholesMerton,
  impliedVolatilityFromUndiscountedBlackPrice,
} from './implied-volatility';
export type { ImpliedVolInput, ImpliedVolResult } from './implied-volatility';
export { normalisedBlack, undiscountedBlackPrice } from './normalised-black';
