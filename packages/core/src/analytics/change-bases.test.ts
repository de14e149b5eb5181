import { describe, expect, it } from 'vitest';
import { contractBase, firstQuotesOfSession, indexContractBases, type SessionBase } from './change-bases';

const close = { option_type: 'CALL' as const, strike: 100, open_interest: 900, premium: 4.5 };
const current = { open_interest: 1_000, premium: 5 };

describe('contractBase', () => {
  it('is the listed state whatever the basis', () => {
    for (const basis of ['previous_close', 'session_first'] as const) {
      const session: SessionBase = { basis, contracts: indexContractBases([close]) };
      expect(contractBase(session, 'CALL', 100, current)).toEqual({ open_interest: 900, premium: 4.5 });
    }
  });

  it('is no open interest and no price for a contract never quoted before the session', () => {
    const session: SessionBase = { basis: 'previous_close', contracts: indexContractBases([close]) };
    expect(contractBase(session, 'PUT', 100, current)).toEqual({ open_interest: 0, premium: 0 });
  });

  it('is the quote itself when it is the first of the session after a fresh start', () => {
    const session: SessionBase = { basis: 'session_first', contracts: indexContractBases([close]) };
    expect(contractBase(session, 'CALL', 110, current)).toBe(current);
  });
});

describe('firstQuotesOfSession', () => {
  const quote = (option_type: 'CALL' | 'PUT', strike: number, open_interest: number, mid: number) => ({
    option_type,
    strike,
    open_interest,
    mid,
  });
  const chain = {
    calls: [quote('CALL', 100, 1_000, 5), quote('CALL', 110, 700, 2)],
    puts: [quote('PUT', 100, 300, 3)],
  };

  it('lists the quotes that became their own base, with the premium as their state', () => {
    const session: SessionBase = { basis: 'session_first', contracts: indexContractBases([close]) };
    expect(firstQuotesOfSession(session, chain)).toEqual([
      { option_type: 'CALL', strike: 110, open_interest: 700, premium: 2 },
      { option_type: 'PUT', strike: 100, open_interest: 300, premium: 3 },
    ]);
  });

  it('lists none when the base is the previous close', () => {
    const session: SessionBase = { basis: 'previous_close', contracts: indexContractBases([]) };
    expect(firstQuotesOfSession(session, chain)).toEqual([]);
  });
});
