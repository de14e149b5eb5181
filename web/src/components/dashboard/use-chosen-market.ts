'use client';

import { useExpiries, useProducts } from '../../client/market-queries';
import { chosenExpiry, chosenProduct, withExpiry, withProduct } from './market-choice';
import { useMarketChoice } from './use-market-choice';

/**
 * The product and expiry on screen, shared by the dashboard's pages: the ones last chosen in this browser
 * while still listed, else the catalogue's first product and its nearest expiry.
 */
export type ChosenMarket = ReturnType<typeof useChosenMarket>;

export function useChosenMarket() {
  const products = useProducts();
  const catalogue = products.data?.catalogue ?? [];
  const [choice, changeChoice] = useMarketChoice();
  const symbol = choice
    ? chosenProduct(
        catalogue.map((p) => p.symbol),
        choice,
      )
    : undefined;
  const product = catalogue.find((p) => p.symbol === symbol);
  const expiries = useExpiries(symbol);
  const expiryList = expiries.data?.expiries ?? [];
  const expiry = symbol && choice ? chosenExpiry(expiryList, symbol, choice) : undefined;
  return {
    products,
    catalogue,
    symbol,
    product,
    expiries,
    expiryList,
    expiry,
    selectProduct: (next: string) => changeChoice((current) => withProduct(current, next)),
    selectExpiry: (next: string) => {
      if (symbol) changeChoice((current) => withExpiry(current, symbol, next));
    },
  };
}
