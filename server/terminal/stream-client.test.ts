import { describe, expect, it } from 'vitest';
import type { ServerControl } from '../../contract/terminal-stream';
import { StreamClient, type TerminalClient } from './stream-client';

const rules = { highWatermark: 100, catchUpMs: 50, floodMs: 1000 };

function world(transport?: Partial<TerminalClient>) {
  const received: Array<ServerControl | { bytes: number }> = [];
  const broken: unknown[] = [];
  const client = new StreamClient(
    {
      sendBytes: transport?.sendBytes ?? ((bytes) => received.push({ bytes: bytes.length })),
      sendControl: transport?.sendControl ?? ((message) => received.push(message)),
    },
    (_client, error) => broken.push(error),
  );
  const live = () => {
    client.phase = { name: 'live', overSince: undefined };
    return client;
  };
  return { client, received, broken, live };
}

describe('StreamClient', () => {
  it('starts attaching, with nothing held and the exit to follow its snapshot', () => {
    const { client } = world();
    expect(client.phase).toEqual({ name: 'attaching', held: [], exitAfter: true });
  });

  it('keeps a live view under its window, and waits catchUpMs for one over it before setting it aside', () => {
    const { live } = world();
    const client = live();
    expect(client.catchUp(0, rules)).toBe('keep');
    client.window.sent(101, 101);
    expect(client.catchUp(10, rules)).toBe('wait');
    expect(client.catchUp(59, rules)).toBe('wait');
    expect(client.catchUp(60, rules)).toBe('set-aside');
  });

  it('sets aside at once a view that goes over again within floodMs of catching up with a burst', () => {
    const { live } = world();
    const client = live();
    client.window.sent(101, 101);
    expect(client.catchUp(0, rules)).toBe('wait');
    client.window.ack(101);
    expect(client.catchUp(20, rules)).toBe('keep');
    client.window.sent(101, 101);
    expect(client.catchUp(500, rules)).toBe('set-aside');
    client.window.ack(101);
    client.catchUp(600, rules);
    client.window.sent(101, 101);
    // More than floodMs after it last caught up: waited for again.
    expect(client.catchUp(1700, rules)).toBe('wait');
  });

  it('sets aside only a live view, recording when and how much the session had produced', () => {
    const { client, live } = world();
    expect(client.setAside(5, 10)).toBe(false);
    live();
    expect(client.setAside(5, 10)).toBe(true);
    expect(client.phase).toEqual({ name: 'set-aside', since: 5, producedAtScreen: 10 });
    expect(client.setAside(6, 11)).toBe(false);
    expect(client.catchUp(7, rules)).toBe('keep');
  });

  it('counts a snapshot against its window by its characters, and sends the exit with what is known of it', () => {
    const { client, received } = world();
    client.sendSnapshot('screen', true);
    client.sendExit({ code: 3 });
    client.sendExit({ reason: 'killed by signal 1' });
    expect(client.window.unacked).toBe(6);
    expect(received).toEqual([
      { t: 'snapshot', data: 'screen', screen: true },
      { t: 'exit', code: 3 },
      { t: 'exit', reason: 'killed by signal 1' },
    ]);
  });

  it('reports a transport that throws instead of throwing, and sends nothing once closed', () => {
    const failure = new Error('socket closed');
    const { client, broken, received } = world({
      sendBytes: () => {
        throw failure;
      },
    });
    client.sendBytes(new Uint8Array(4), 4);
    expect(broken).toEqual([failure]);
    client.phase = { name: 'closed' };
    client.sendSnapshot('late');
    expect(received).toEqual([]);
  });
});
