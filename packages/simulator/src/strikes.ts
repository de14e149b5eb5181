import { priceGrid } from './tick-size';

/**
 * The strikes quoted for a spot: the listed strike nearest the spot (a multiple of `strikeStep`) and
 * `eachSide` steps above and below it, without zero or negative strikes. Recomputed at every snapshot,
 * so the ladder follows the spot.
 */
export function strikeLadder(spot: number, strikeStep: number, eachSide: number): number[] {
  const grid = priceGrid(strikeStep);
  const atm = grid.stepsOf(spot);
  const strikes: number[] = [];
  for (let i = Math.max(1, atm - eachSide); i <= atm + eachSide; i += 1) strikes.push(grid.priceOf(i));
  return strikes;
}
