import { analyzeStrategy } from '@deltastream/core/strategy';
import { StrategyAnalysisRequestSchema, StrategyAnalysisResponseSchema } from '../../contracts/strategies';
import { STRATEGY_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { strategyInMarket, withRequestFields } from '../../server/strategy-market';

/** A multi-leg strategy analysed by core's analyzeStrategy, legs and market priced from the live chain. */
export const analyzeStrategyRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/strategies/analyze',
    access: 'market',
    tag: 'Strategies',
    summary: 'Analyze a strategy',
    description:
      "Payoff at the nearest expiry and P&L now (or at the scenario's date and IV shift) over a price grid, breakevens, max profit and loss (`unlimited` where the payoff has no bound), net premium (> 0 a debit), net Greeks, probability of profit and expected P&L at expiry. A leg may name a contract of the live chain (expiry, strike, option_type, side, lots) and leave its entry price (ask to buy, bid to sell) and IV to the latest quote, or carry its own. The market (spot, ATM IV per expiry) comes from the latest chains unless sent. Units and conventions as in the README: P&L in currency of the whole position (lots × lot size).",
    body: StrategyAnalysisRequestSchema,
    maxBodyBytes: STRATEGY_BODY_LIMIT_BYTES,
    response: {
      status: 200,
      description: 'The strategy as valued (every leg priced), its market, and the analysis.',
      schema: StrategyAnalysisResponseSchema,
    },
    errors: [404],
  },
  async ({ ctx, body }) => {
    const product = await requireProduct(ctx, body.product);
    const { strategy, market } = await strategyInMarket(ctx, product, body);
    const analysis = withRequestFields(() =>
      analyzeStrategy({ strategy, market, grid: body.grid, scenario: body.scenario }, product),
    );
    return { strategy, market, analysis };
  },
);
