export { AnalyticsInputError } from './input-checks';
export { optionPremium, type QuotedPrices } from './premium';
export {
  chainTotals,
  pcrByOpenInterest,
  pcrByVolume,
  putCallRatio,
  type ChainTotals,
  type OpenInterestAndVolume,
} from './pcr';
export { atmIv, atmStraddlePrice, atmStrike, impliedMovePct, type StrikeQuote } from './atm';
export { maxPain, maxPainStrike, type MaxPain, type PayoutCurve, type StrikeOpenInterest } from './max-pain';
export {
  classifyBuildup,
  contractChange,
  otmBuildup,
  premiumChange,
  type ContractBase,
  type ContractChange,
  type OtmBuildup,
} from './oi-buildup';
export {
  contractBase,
  contractBaseOf,
  firstQuotesOfSession,
  indexContractBases,
  type ContractBaseEntry,
  type ContractBases,
  type PreviousSnapshot,
  type SessionBase,
} from './change-bases';
export { ivSmile, type IvSmile, type StrikeIv } from './iv-smile';
export { ivSurface, type ExpiryQuotes, type IvSurface } from './iv-surface';
export {
  callWall,
  gammaExposure,
  gammaExposureByStrike,
  gammaExposureProfile,
  gammaExposureSummary,
  gammaFlip,
  putWall,
  type GammaExposureByStrike,
  type GammaExposureInputs,
  type GammaProfile,
  type GammaProfileInputs,
  type GammaQuote,
  type StrikeGamma,
  type StrikeIvOpenInterest,
} from './gamma-exposure';
export {
  buildCandles,
  candleBucketStartMs,
  openCandle,
  updateCandle,
  type CandleSpec,
  type LiveCandle,
  type PriceTick,
} from './ohlc';
export { computeChainMetrics, type ChainMetricsInput, type ChainMetricsQuote } from './chain-metrics';
export { enrichChain, NO_CHANGE_BASES, type ChangeBases, type EnrichmentProduct } from './enrich-chain';
