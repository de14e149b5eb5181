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
      "The active products of the catalogue, in the catalogue's order: `products` lists their symbols (the original API's list), `catalogue` their contract terms and pricing conventions.",
    response: { status: 200, description: 'The products.', schema: ProductsResponseSchema },
  },
  async ({ ctx }): Promise<ProductsResponse> => {
    const catalogue = [...(await listActiveProducts(ctx))];
    return { products: catalogue.map((product) => product.symbol), catalogue };
  },
);
