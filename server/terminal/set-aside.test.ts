import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../adapters/memory/fixed-clock';
import { ManualScheduler } from '../../adapters/memory/manual-scheduler';
import type { SessionExit, SessionTerminal } from '../../application/session-registry';
import type { ServerControl } from '../../contract/terminal-stream';
import { BackPressure } from '../../domain/back-pressure';
import { ScreenPacer } from './screen-pacer';
import { SetAside } from './set-aside';
import { StreamClient } from './stream-client';

const rules = { highWatermark: 10, lowWatermark: 5, catchUpMs: 50, floodMs: 1000, resyncMs: 200 };

/** One client and a session whose output, end and snapshots the test drives; time starts at 0. */
function world() {
  const scheduler = new ManualScheduler(new FixedClock(0));
  const state = { produced: 0, exit: undefined as SessionExit | undefined, screen: '' };
  const snapshots: Array<{ exitAfter: boolean }> = [];
  const received: ServerControl[] = [];
  const clients = new Set<StreamClient>();
  const terminal: Pick<SessionTerminal, 'snapshot' | 'pressure'> = {
    pressure: new BackPressure(() => undefined),
    snapshot: async (options) => (options?.scrollback === false ? `[screen]${state.screen}` : state.screen),
  };
  const setAside: SetAside = new SetAside(
    {
      clients,
      terminal,
      produced: () => state.produced,
      exit: () => state.exit,
      disposed: () => false,
      takeSnapshot: (client, exitAfter) => {
        snapshots.push({ exitAfter });
        client.phase = { name: 'attaching', held: [], exitAfter };
      },
      updatePause: () => setAside.slowClients(),
      log: () => undefined,
    },
    rules,
    new ScreenPacer({ resyncMs: 200, screenCostMs: 50, floodWatermark: 3 }, undefined, { pressure: terminal.pressure }),
    scheduler,
    scheduler,
  );
  const client = new StreamClient({ sendBytes: () => undefined, sendControl: (message) => received.push(message) }, () => undefined);
  client.phase = { name: 'live', overSince: undefined };
  clients.add(client);
  /** The client acks everything it was sent. */
  const caughtUp = () => client.window.ack(Number.MAX_SAFE_INTEGER);
  return { scheduler, state, snapshots, received, client, setAside, terminal, caughtUp };
}

describe('SetAside', () => {
  it('waits catchUpMs for a live client over its window, then sets it aside and shows it the screen', async () => {
    const { scheduler, state, received, client, setAside } = world();
    state.screen = 'flood';
    client.window.sent(11, 11);
    setAside.slowClients();
    await scheduler.advanceAsync(49);
    expect(client.phase.name).toBe('live');
    await scheduler.advanceAsync(1);
    expect(client.phase).toEqual({ name: 'set-aside', since: 50, producedAtScreen: 0 });
    expect(received).toEqual([{ t: 'snapshot', data: '[screen]flood', screen: true }]);
  });

  it('shows a set-aside client the screen at each tick while the session floods, and takes its full snapshot once calm', async () => {
    const { scheduler, state, snapshots, received, client, setAside, caughtUp } = world();
    setAside.skipped(client);
    expect(client.phase.name).toBe('set-aside');
    state.produced = 100;
    await scheduler.advanceAsync(200);
    expect(received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]', screen: true });
    // Not before it has parsed that screen.
    await scheduler.advanceAsync(200);
    expect(received).toHaveLength(1);
    caughtUp();
    setAside.resyncDue();
    expect(snapshots).toEqual([{ exitAfter: true }]);
    expect(client.phase.name).toBe('attaching');
  });

  it('keeps showing screens while the mirror holds the session back, however little it produced', async () => {
    const { scheduler, received, client, setAside, terminal } = world();
    terminal.pressure.hold('mirror');
    setAside.skipped(client);
    await scheduler.advanceAsync(200);
    expect(received).toEqual([{ t: 'snapshot', data: '[screen]', screen: true }]);
  });

  it('brings a client set aside when the session ends its last screen and the exit, then the scrollback without a second exit', async () => {
    const { scheduler, state, snapshots, received, client, setAside, caughtUp } = world();
    setAside.skipped(client);
    state.screen = 'the end';
    state.exit = { code: 0 };
    setAside.resyncDue();
    await scheduler.advanceAsync(0);
    expect(client.phase).toEqual({ name: 'resync-due' });
    expect(received).toEqual([
      { t: 'snapshot', data: '[screen]the end', screen: true },
      { t: 'exit', code: 0 },
    ]);
    setAside.resyncDue();
    expect(snapshots).toEqual([]);
    caughtUp();
    setAside.resyncDue();
    expect(snapshots).toEqual([{ exitAfter: false }]);
  });

  it('sets every live client aside without a screen when the session floods while the user types elsewhere', async () => {
    const { scheduler, received, client, setAside } = world();
    setAside.liveClients();
    await scheduler.advanceAsync(0);
    expect(client.phase.name).toBe('set-aside');
    expect(received).toEqual([]);
  });
});
