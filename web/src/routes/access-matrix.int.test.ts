import { describe } from 'vitest';
import { describeAccessMatrix } from './access-matrix';

// The web context reads the environment once per test file: this file runs with PUBLIC_MARKET_DATA off
// (the default), access-matrix-public.int.test.ts with it on.
describe('access to every route, market data closed', () => describeAccessMatrix(false));
