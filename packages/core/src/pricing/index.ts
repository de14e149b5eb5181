export {
  black76Into,
  blackScholesMertonInto,
  createGreeksOut,
  prepareGamma,
  preparedGammaAt,
  priceWithConventionsInto,
  type ModelConventions,
  type PreparedGamma,
  type GreeksOut,
} from './black-scholes';
export { DAYS_PER_YEAR, yearFraction, type DayCount, type YearFractionOptions } from './day-count';
export {
  priceOption,
  type OptionPricingInput,
  type OptionValuation,
  type PricingConventions,
  type PricingModel,
} from './price-option';
export { PricingInputError } from './pricing-input-error';
