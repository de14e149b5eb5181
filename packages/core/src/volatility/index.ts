export {
  calendarDaysToYears,
  constantMaturityAtmIv,
  IV_30D_DAYS,
  MIN_DAYS_TO_EXPIRY,
  type ConstantMaturityIv,
  type ConstantMaturityOptions,
  type ExpiryAtmIv,
} from './constant-maturity';
export { dailyIvPoints, intradayIvPoint, type IvPointOptions } from './iv-series';
export {
  IV_RANK_LOOKBACK_DAYS,
  IV_RANK_MIN_HISTORY_DAYS,
  ivRankAndPercentile,
  type IvRankOptions,
} from './iv-rank';
export {
  atmTermStructure,
  compareTermStructures,
  TERM_STRUCTURE_CONSTANT_MATURITIES_DAYS,
  type ChainAtmIv,
  type EarlierTermStructures,
  type TermStructureComparisonOptions,
} from './term-structure';
export {
  closeToCloseVol,
  IV_RV_SPREAD_WINDOW_DAYS,
  ivRvSpreadPoints,
  latestRealisedVol,
  parkinsonVol,
  REALISED_VOL_WINDOWS_DAYS,
  realisedVolSeries,
  TRADING_DAYS_PER_YEAR,
  type DailyCandle,
  type RealisedVolOptions,
} from './realised-vol';
