export {
  LotsSchema,
  MAX_STRATEGY_LEGS,
  OptionLegSchema,
  StrategyLegSchema,
  StrategySchema,
  TradeSideSchema,
  UnderlyingLegSchema,
  VolatilitySchema,
  type OptionLeg,
  type Strategy,
  type StrategyLeg,
  type TradeSide,
  type UnderlyingLeg,
} from './strategy-schema';
export {
  MAX_GRID_POINTS,
  NetGreeksSchema,
  PnlExtremeSchema,
  PriceGridSchema,
  PriceRangeSchema,
  StrategyAnalysisInputSchema,
  StrategyAnalysisSchema,
  StrategyMarketSchema,
  StrategyScenarioSchema,
  type NetGreeks,
  type PnlExtreme,
  type PriceGrid,
  type PriceRange,
  type StrategyAnalysis,
  type StrategyAnalysisInput,
  type StrategyMarket,
  type StrategyScenario,
} from './analysis-schema';
export { entryPrice } from './entry-price';
export {
  PresetRequestSchema,
  StrategyPresetSchema,
  buildPreset,
  type PresetRequest,
  type StrategyPreset,
} from './presets';
export { strategyMarketFromChains } from './market-from-chains';
export {
  daysToNearestExpiry,
  pnlAt,
  pnlCurveInto,
  pnlSlopeAt,
  prepareStrategy,
  scenarioInstantMs,
  valueStrategyAt,
  type ModelLeg,
  type StrategyModel,
  type StrategyProduct,
  type StrategyValuation,
} from './valuation';
export { defaultPriceGrid, gridPrices } from './price-grid';
export { pnlShape, type PnlShape } from './pnl-shape';
export { profitableRegion, type ProfitableRegion } from './breakevens';
export { pnlExtremes } from './extremes';
export { netGreeksAt } from './net-greeks';
export { markToMarket, type MarkToMarket } from './mark-to-market';
export {
  expectedPnlAtExpiry,
  expiryLaw,
  oneSigmaMove,
  probabilityAbove,
  probabilityOfProfit,
  type ExpiryLaw,
} from './probability';
export { analyzeStrategy, pnlCurves, type PnlCurves } from './analyze-strategy';
