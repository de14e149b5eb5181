export {
  black76Into,
  blackScholesMertonInto,
  costOfCarry,
  createGreeksOut,
  prepareGamma,
  preparedGammaAt,
  preparePrice,
  preparedPriceAt,
  priceWithConventionsInto,
  type ModelConventions,
  type PreparedGamma,
  type PreparedPrice,
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
