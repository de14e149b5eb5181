import { ProductsResponseSchema, type ProductsResponse } from '../../contracts/rest';
import { listActiveProducts } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** The active products of the catalogue, in the catalogue's order. */
export const productsRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/data/products',
    access: 'market',
    tag: 'Market data',
    summary: 'List products',
    description:
      "The active products of the catalogue, in the catalogue's order, with their contract terms and pricing conventions.",
    response: { status: 200, description: 'The products.', schema: ProductsResponseSchema },
  },
  async ({ ctx }): Promise<ProductsResponse> => ({ products: [...(await listActiveProducts(ctx))] }),
);
