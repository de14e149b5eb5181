import type { Product } from '@deltastream/core/schemas';
import { LabelledSelect } from './labelled-select';

export function ProductSwitcher({
  products,
  value,
  onChange,
}: {
  products: readonly Product[];
  value: string | undefined;
  onChange: (symbol: string) => void;
}) {
  return (
    <LabelledSelect
      label="Product"
      testId="product-switcher"
      value={value ?? ''}
      disabled={products.length === 0}
      onChange={(event) => onChange(event.target.value)}
    >
      {products.map((product) => (
        <option key={product.symbol} value={product.symbol}>
          {product.symbol} · {product.exchange}
        </option>
      ))}
    </LabelledSelect>
  );
}
