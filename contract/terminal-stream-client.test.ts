import { describe, expect, it } from 'vitest';
import { attachTerminalStream, backoffDelay, type StreamTimers, type TerminalConnectionEvents } from './terminal-stream-client';
import type { ClientControl } from './terminal-stream';

/** Timers that run only when the test says so, and connections the test opens and drops by hand. */
function world(backoff: (attempt: number) => number = backoffDelay) {
  const delays: number[] = [];
  const due = new Map<number, () => void>();
  let nextTimer = 0;
  const turnEnd: Array<() => void> = [];
  const timers: StreamTimers = {
    setTimeout: (fn, ms) => {
      delays.push(ms);
      due.set(nextTimer, fn);
      return nextTimer++;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    queueMicrotask: (fn) => void turnEnd.push(fn),
  };
  const connections: Array<{ events: TerminalConnectionEvents; sent: ClientControl[]; closed: boolean }> = [];
  const seen: string[] = [];
  const attachment = attachTerminalStream(
    (events) => {
      const connection = { events, sent: [] as ClientControl[], closed: false };
      connections.push(connection);
      return { send: (message) => void connection.sent.push(message), close: () => void (connection.closed = true) };
    },
    { snapshot: (data) => void seen.push(`snapshot:${data}`), data: (bytes) => void seen.push(`data:${bytes.byteLength}`), exit: () => void seen.push('exit') },
    { backoff, timers },
  );
  return {
    attachment,
    connections,
    seen,
    delays,
    last: () => connections[connections.length - 1]!,
    fireTimers: () => {
      const fns = [...due.values()];
      due.clear();
      fns.forEach((fn) => fn());
    },
    endTurn: () => turnEnd.splice(0).forEach((fn) => fn()),
  };
}

describe('the terminal stream client', () => {
  it('waits longer after each drop in a row, and starts over once a connection opens', () => {
    const w = world();
    for (let drop = 0; drop < 3; drop++) {
      w.last().events.closed();
      w.fireTimers();
    }
    w.last().events.opened();
    w.last().events.closed();
    expect(w.delays).toEqual([250, 500, 1000, 250]);
    expect(w.connections).toHaveLength(4);
  });

  it('never waits more than five seconds between attempts', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(backoffDelay)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('ignores what an older connection reports once a newer one is open', () => {
    const w = world(() => 0);
    const first = w.last();
    first.events.opened();
    first.events.closed();
    w.fireTimers();
    w.last().events.opened();
    first.events.received(new Uint8Array(3));
    first.events.closed();
    expect(w.seen).toEqual([]);
    expect(w.connections).toHaveLength(2);
  });

  it('sends no credit for a turn whose connection dropped before the turn ended', () => {
    const w = world(() => 0);
    w.last().events.opened();
    w.last().events.received(new Uint8Array(10));
    w.attachment.ack(10);
    const dropped = w.last();
    dropped.events.closed();
    w.endTurn();
    w.fireTimers();
    w.last().events.opened();
    w.endTurn();
    expect(dropped.sent).toEqual([]);
    expect(w.last().sent).toEqual([]);
  });

  it('closes the live connection and stops trying when the view closes it', () => {
    const w = world(() => 0);
    w.last().events.closed();
    w.attachment.close();
    w.fireTimers();
    expect(w.connections).toHaveLength(1);
    expect(w.connections[0]?.closed).toBe(false);
    const v = world();
    v.attachment.close();
    expect(v.last().closed).toBe(true);
  });
});
