'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import type { EnrichedUnderlying, Product } from '@deltastream/core/schemas';
import type { ConnectionState } from '../../client/use-live-market';
import { ConnectionStatus } from './connection-status';
import { ExpiryPicker } from './expiry-picker';
import { ProductSwitcher } from './product-switcher';
import { UnderlyingPrice } from './underlying-price';

interface DashboardHeaderProps {
  products: readonly Product[];
  product: string | undefined;
  onProductChange: (symbol: string) => void;
  latest: EnrichedUnderlying | null | undefined;
  expiries: readonly string[];
  expiry: string | undefined;
  onExpiryChange: (expiry: string) => void;
  connection: ConnectionState;
  userEmail: string;
}

const navLink = 'rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-slate-100';

export function DashboardHeader(props: DashboardHeaderProps) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-800 bg-slate-950">
      {/* One row on a desk; on a phone: name and price, then the pickers, then status and links. */}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-4">
        <Link href="/" className="order-1 text-base font-semibold tracking-tight text-sky-400">
          DeltaStream
        </Link>
        <div className="order-3 min-w-36 flex-1 md:order-2 md:flex-none">
          <ProductSwitcher products={props.products} value={props.product} onChange={props.onProductChange} />
        </div>
        <div className="order-2 md:order-3">
          <UnderlyingPrice latest={props.latest} />
        </div>
        <div className="order-3 min-w-36 flex-1 md:order-4 md:flex-none">
          <ExpiryPicker expiries={props.expiries} value={props.expiry} onChange={props.onExpiryChange} />
        </div>
        <div className="order-4 md:order-5 md:ml-auto">
          <ConnectionStatus state={props.connection} />
        </div>
        <nav className="order-4 ml-auto flex items-center gap-1 text-xs sm:gap-2 md:order-6 md:ml-0">
          <Link href="/settings" className={navLink} title="API tokens for scripts">
            Settings
          </Link>
          <Link href="/docs" className={navLink}>
            API docs
          </Link>
          <span className="hidden max-w-48 truncate text-slate-500 lg:inline" title={props.userEmail}>
            {props.userEmail}
          </span>
          <button
            type="button"
            data-testid="sign-out"
            onClick={() => void signOut({ callbackUrl: '/signin' })}
            className="rounded border border-slate-700 px-2 py-1 text-slate-300 hover:border-slate-500 hover:text-slate-100"
          >
            Sign out
          </button>
        </nav>
      </div>
    </header>
  );
}
