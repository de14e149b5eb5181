/**
 * The names `/api/docs` shows the contract's schemas under (its OpenAPI components). A schema registers
 * itself where it is declared (`.register(API_SCHEMAS, { id })`); operations refer to it by that name,
 * and schemas nested in it are written out in place.
 */
import { z } from 'zod';
import {
  CandleSchema,
  EnrichedChainSchema,
  EnrichedUnderlyingSchema,
  ProductSchema,
  UnderlyingTickSchema,
} from '@deltastream/core/schemas';
import { StrategyAnalysisSchema, StrategyMarketSchema, StrategySchema } from '@deltastream/core/strategy';

export const API_SCHEMAS = z.registry<{ id: string }>();

// The market's own nouns, shared by several responses, are named once here rather than in packages/core.
API_SCHEMAS.add(ProductSchema, { id: 'Product' });
API_SCHEMAS.add(UnderlyingTickSchema, { id: 'UnderlyingTick' });
API_SCHEMAS.add(EnrichedUnderlyingSchema, { id: 'EnrichedUnderlying' });
API_SCHEMAS.add(EnrichedChainSchema, { id: 'EnrichedChain' });
API_SCHEMAS.add(CandleSchema, { id: 'Candle' });
API_SCHEMAS.add(StrategySchema, { id: 'Strategy' });
API_SCHEMAS.add(StrategyMarketSchema, { id: 'StrategyMarket' });
API_SCHEMAS.add(StrategyAnalysisSchema, { id: 'StrategyAnalysis' });

/** The name a schema is shown under, if it has one. */
export function apiSchemaName(schema: z.ZodType): string | undefined {
  return API_SCHEMAS.get(schema)?.id;
}
