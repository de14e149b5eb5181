import { AnalyzeRequestSchema, AnalyzeResponseSchema } from '../../contracts/rest';
import { analyzeChain } from '../../server/analyze-chain';
import { ANALYZE_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** Every metric of a chain the caller brings, computed as the worker computes live ones. */
export const analyzeRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/analytics/analyze',
    access: 'market',
    tag: 'Analytics',
    summary: 'Analyze your own chain',
    description:
      "IV solved from each quote's prices, Greeks, PCR, ATM strike and straddle, implied move, max pain with its payout curve, the smile, OI build-up and gamma exposure — computed exactly as for live chains.",
    body: AnalyzeRequestSchema,
    maxBodyBytes: ANALYZE_BODY_LIMIT_BYTES,
    response: {
      status: 200,
      description: 'The enriched chain and its chart series.',
      schema: AnalyzeResponseSchema,
    },
    errors: [404],
  },
  async ({ ctx, body }) => {
    const product = body.product === undefined ? null : await requireProduct(ctx, body.product);
    return analyzeChain(body, product, new Date());
  },
);
