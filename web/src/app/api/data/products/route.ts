import { defineRoute } from '../../../../server/route';
import { listActiveProducts } from '../../../../server/product-catalogue';
import type { ProductsResponse } from '../../../../contracts/rest';

/** The active products of the catalogue, in the catalogue's order. */
export const GET = defineRoute(
  { route: '/api/data/products', access: 'market' },
  async ({ ctx }): Promise<ProductsResponse> => ({ products: [...(await listActiveProducts(ctx))] }),
);
