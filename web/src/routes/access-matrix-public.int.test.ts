import { describe } from 'vitest';
import { describeAccessMatrix } from './access-matrix';

// PUBLIC_MARKET_DATA on (the local quick start): market reads open to anonymous callers, nothing else.
describe('access to every route, market data public', () => describeAccessMatrix(true));
