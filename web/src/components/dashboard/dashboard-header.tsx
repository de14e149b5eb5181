'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import type { EnrichedUnderlying, Product } from '@deltastream/core/schemas';
import type { ConnectionState } from '../../client/use-live-market';
import { ConnectionStatus } from './connection-status';
import { dataFreshness } from './data-freshness';
import { ExchangeClock } from './exchange-clock';
import { formatExchangeTime } from './exchange-time';
import { ExpiryPicker } from './expiry-picker';
import { ProductSwitcher } from './product-switcher';
import { UnderlyingPrice } from './underlying-price';
import { useCurrentSecond } from './use-current-second';

interface DashboardHeaderProps {
  products: readonly Product[];
  product: string | undefined;
  onProductChange: (symbol: string) => void;
  latest: EnrichedUnderlying | null | undefined;
  expiries: readonly string[];
  expiry: string | undefined;
  onExpiryChange: (expiry: string) => void;
  connection: ConnectionState;
  /** When the data on screen was current: the last tick's and the chain's own timestamps. */
  dataTimestamps: readonly (string | undefined)[];
  /** The product's exchange time zone: every time in the header is on its clock. */
  timeZone: string | undefined;
  userEmail: string;
  /** The page the header sits on: its nav links to the other one. */
  page: 'dashboard' | 'strategies';
}

const navLink = 'rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-slate-100';

/** The header ticks every second (clock, staleness); the rest of the dashboard renders on new data only. */
export function DashboardHeader(props: DashboardHeaderProps) {
  const nowMs = useCurrentSecond();
  const freshness = nowMs === null ? null : dataFreshness(props.dataTimestamps, nowMs, props.connection);
  const staleSince =
    freshness?.stale && props.timeZone ? formatExchangeTime(freshness.sinceMs, props.timeZone) : null;
  return (
    <header
      data-testid="dashboard-header"
      className="sticky top-0 z-40 border-b border-slate-800 bg-slate-950"
    >
      {/* One row on a desk; on a phone: name and price, then the pickers, then status, clock and links. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 sm:px-4">
        <Link href="/" className="order-1 text-base font-semibold tracking-tight text-sky-400">
          DeltaStream
        </Link>
        <div className="order-3 min-w-36 flex-1 md:order-2 md:flex-none">
          <ProductSwitcher products={props.products} value={props.product} onChange={props.onProductChange} />
        </div>
        <div className="order-2 md:order-3">
          <UnderlyingPrice latest={props.latest} timeZone={props.timeZone} />
        </div>
        <div className="order-3 min-w-36 flex-1 md:order-4 md:flex-none">
          <ExpiryPicker
            expiries={props.expiries}
            value={props.expiry}
            onChange={props.onExpiryChange}
            timeZone={props.timeZone}
            nowMs={nowMs}
          />
        </div>
        <div className="order-4 flex items-center gap-3 md:order-5 md:ml-auto">
          <ConnectionStatus state={props.connection} staleSince={staleSince} />
          <ExchangeClock nowMs={nowMs} timeZone={props.timeZone} />
        </div>
        <nav className="order-4 ml-auto flex items-center gap-1 text-xs sm:gap-2 md:order-6 md:ml-0">
          {props.page === 'dashboard' ? (
            <Link href="/strategies" className={navLink} title="Build, analyse and save option strategies">
              Strategies
            </Link>
          ) : (
            <Link href="/" className={navLink} title="The chain, metrics and charts">
              Dashboard
            </Link>
          )}
          <Link href="/settings" className={navLink} title="API tokens for scripts">
            Settings
          </Link>
          <Link href="/docs" className={navLink}>
            API docs
          </Link>
          {/* Shown where the row has room for it; the sign-out button names it everywhere. */}
          <span className="hidden max-w-48 truncate text-slate-500 2xl:inline" title={props.userEmail}>
            {props.userEmail}
          </span>
          <button
            type="button"
            data-testid="sign-out"
            title={`Signed in as ${props.userEmail}`}
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
