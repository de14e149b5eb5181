/** The groups /api/docs lists operations under, in this order. */
export const API_TAGS = [
  { name: 'Market data', description: 'Products, ticks, chains, expiries and candles.' },
  {
    name: 'Analytics',
    description:
      'PCR, IV surface, max pain, OI build-up, Greeks, volatility history (IV rank and percentile, term structure, realised volatility), and analysis of your own chain.',
  },
  {
    name: 'Strategies',
    description:
      'Multi-leg strategies: payoff, P&L, breakevens, Greeks and probability of profit; presets from the live chain; saved strategies with their live P&L.',
  },
  {
    name: 'Alerts',
    description:
      'Your alerts on a product (spot, PCR, ATM IV, IV rank, max-pain shift, OI change at a strike), pushed to you over the `alert` socket event when they fire, and their history.',
  },
  { name: 'Accounts', description: 'Registration, sign-in, tokens for scripts and the realtime gateway.' },
  { name: 'Operations', description: 'Health, metrics, queue administration and this document.' },
] as const;

export type Tag = (typeof API_TAGS)[number]['name'];
