import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SlowClientConflation, type ConflatableSocket } from './conflation';

function fakeSocket(id: string) {
  const conn = Object.assign(new EventEmitter(), { writeBuffer: [] as unknown[] });
  const sent: Array<[string, unknown]> = [];
  const socket: ConflatableSocket = {
    id,
    connected: true,
    conn,
    emit(event, payload) {
      sent.push([event, payload]);
      return true;
    },
  };
  return { socket, conn, sent };
}

describe('slow-client conflation', () => {
  it('leaves a socket whose buffer is within the limit alone', () => {
    const conflation = new SlowClientConflation(3);
    const { socket, conn } = fakeSocket('a');
    conn.writeBuffer.push(1, 2, 3);
    expect(conflation.isBackedUp(socket)).toBe(false);
  });

  it('keeps only the latest message per key while backed up and sends them on drain', () => {
    const flushed: string[] = [];
    const conflation = new SlowClientConflation(3, (event) => flushed.push(event));
    const { socket, conn, sent } = fakeSocket('a');
    conn.writeBuffer.push(1, 2, 3, 4);
    expect(conflation.isBackedUp(socket)).toBe(true);

    conflation.hold(socket, 'underlying_update|NIFTY', 'underlying_update', { price: 1 });
    conflation.hold(socket, 'chain_update|NIFTY|2026-11-26', 'chain_update', { seq: 1 });
    conflation.hold(socket, 'underlying_update|NIFTY', 'underlying_update', { price: 2 });
    conflation.hold(socket, 'underlying_update|AAPL', 'underlying_update', { price: 9 });
    conflation.hold(socket, 'underlying_update|NIFTY', 'underlying_update', { price: 3 });
    expect(conflation.heldFor('a')).toBe(3);

    // Held messages keep the socket backed up even once its buffer shrinks, so order is preserved.
    conn.writeBuffer.length = 0;
    expect(conflation.isBackedUp(socket)).toBe(true);
    expect(sent).toEqual([]);

    conn.emit('drain');
    expect(sent).toEqual([
      ['chain_update', { seq: 1 }],
      ['underlying_update', { price: 9 }],
      ['underlying_update', { price: 3 }],
    ]);
    expect(flushed).toEqual(['chain_update', 'underlying_update', 'underlying_update']);
    expect(conflation.heldFor('a')).toBe(0);
    expect(conflation.isBackedUp(socket)).toBe(false);

    conn.emit('drain');
    expect(sent).toHaveLength(3);
  });

  it('holds per socket and drops what a disconnected socket had pending', () => {
    const conflation = new SlowClientConflation(0);
    const a = fakeSocket('a');
    const b = fakeSocket('b');
    a.conn.writeBuffer.push(1);
    conflation.hold(a.socket, 'k', 'underlying_update', 1);
    expect(conflation.isBackedUp(b.socket)).toBe(false);
    conflation.forget('a');
    a.conn.emit('drain');
    expect(a.sent).toEqual([]);
  });
});
