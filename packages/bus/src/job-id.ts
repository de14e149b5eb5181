/**
 * Deterministic BullMQ job ids. The same market event always gets the same id, so a restarted feed or
 * a replay cannot enqueue it twice while the first job is kept. BullMQ rejects ids containing ':'
 * and purely numeric ids, hence the '-' separators and the letter prefix of the sequence.
 */

const SEQUENCE_DIGITS = 12;

function sequence(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new RangeError(`sequence must be a non-negative integer, got ${seq}`);
  return seq.toString().padStart(SEQUENCE_DIGITS, '0');
}

/** `NIFTY-T-000000000123` */
export function tickJobId(product: string, tickId: number): string {
  return `${product}-T-${sequence(tickId)}`;
}

/** `NIFTY-20261127-000000000123` — product, expiry (YYYYMMDD) and the chain's sequence. */
export function chainJobId(product: string, expiry: string, seq: number): string {
  return `${product}-${expiry.replaceAll('-', '')}-${sequence(seq)}`;
}
