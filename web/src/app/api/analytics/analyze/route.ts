import { defineRoute } from '../../../../server/route';
import { AnalyzeRequestSchema } from '../../../../contracts/rest';
import { analyzeChain } from '../../../../server/analyze-chain';
import { requireProduct } from '../../../../server/product-catalogue';

/** Every metric of a chain the caller brings, computed as the worker computes live ones. */
export const POST = defineRoute(
  { route: '/api/analytics/analyze', access: 'market', body: AnalyzeRequestSchema },
  async ({ ctx, body }) => {
    const product = body.product === undefined ? null : await requireProduct(ctx, body.product);
    return analyzeChain(body, product, new Date());
  },
);
