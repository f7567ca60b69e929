import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NodeScheduler } from '../../adapters/system/node-scheduler';
import { SystemClock } from '../../adapters/system/system-clock';
import type { SessionExit, SessionTerminal } from '../../application/session-registry';
import { BackPressure } from '../../domain/back-pressure';
import type { Disposable } from '../../domain/ports/disposable';
import type { TerminalSize } from '../../domain/session';
import type { ServerControl } from '../../contract/terminal-stream';
import { OutputScheduler } from './output-scheduler';
import { TerminalStreamHost, type TerminalClient } from './terminal-stream-host';

/** The real clock and timers, which the tests' fake timers drive. */
const ports = () => ({ clock: new SystemClock(), scheduler: new NodeScheduler() });

/** A hand-written session: output is pushed by the test, the snapshot resolves when the test says so. */
class FakeSource implements SessionTerminal {
  readonly written: string[] = [];
  readonly sizes: TerminalSize[] = [];
  readonly calls: string[] = [];
  readonly pressure = new BackPressure((held) => (held ? this.pause() : this.resume()));
  screen = '';
  private outputs = new Set<(data: string) => void>();
  private inputs = new Set<(data: string) => void>();
  private exits = new Set<(exit: SessionExit) => void>();
  private ended: SessionExit | undefined;
  private heldSnapshots: Array<() => void> = [];
  holdSnapshots = false;

  emit(data: string): void {
    this.screen += data;
    for (const listener of this.outputs) listener(data);
  }
  end(exit: SessionExit): void {
    this.ended = exit;
    for (const listener of this.exits) listener(exit);
  }
  releaseSnapshots(): void {
    for (const release of this.heldSnapshots.splice(0)) release();
  }
  onOutput(listener: (data: string) => void): Disposable {
    this.outputs.add(listener);
    return { dispose: () => this.outputs.delete(listener) };
  }
  onInput(listener: (data: string) => void): Disposable {
    this.inputs.add(listener);
    return { dispose: () => this.inputs.delete(listener) };
  }
  onExit(listener: (exit: SessionExit) => void): Disposable {
    if (this.ended) listener(this.ended);
    else this.exits.add(listener);
    return { dispose: () => this.exits.delete(listener) };
  }
  snapshot(options?: { scrollback?: boolean }): Promise<string> {
    // The screen alone is marked, so tests can tell the two kinds apart.
    const taken = options?.scrollback === false ? `[screen]${this.screen}` : this.screen;
    if (!this.holdSnapshots) return Promise.resolve(taken);
    return new Promise((resolve) => this.heldSnapshots.push(() => resolve(taken)));
  }
  /** Every write, from a view or from `sessions.write`, reaches the input listeners, as the session registry's does. */
  write(data: string): void {
    for (const listener of this.inputs) listener(data);
    this.written.push(data);
  }
  resize(size: TerminalSize): void {
    this.calls.push('resize');
    this.sizes.push(size);
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  /** The mirror's backlog holds the PTY back. */
  set backlogged(behind: boolean) {
    if (behind) this.pressure.hold('mirror');
    else this.pressure.release('mirror');
  }
}

type Received = { bytes: string } | ServerControl;

class RecordingClient implements TerminalClient {
  readonly received: Received[] = [];
  private readonly decoder = new TextDecoder();
  sendBytes(bytes: Uint8Array): void {
    this.received.push({ bytes: this.decoder.decode(bytes) });
  }
  sendControl(message: ServerControl): void {
    this.received.push(message);
  }
  get text(): string {
    return this.received.map((m) => ('bytes' in m ? m.bytes : '')).join('');
  }
  get byteFrames(): number {
    return this.received.filter((m) => 'bytes' in m).length;
  }
}

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

describe('TerminalStreamHost', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the snapshot first, then live output', async () => {
    const source = new FakeSource();
    source.emit('before\r\n');
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    source.emit('after');
    await vi.advanceTimersByTimeAsync(5);
    expect(client.received).toEqual([{ t: 'snapshot', data: 'before\r\n' }, { bytes: 'after' }]);
  });

  it('replays output that arrives while the snapshot is taken, with no gap and no duplicate', async () => {
    const source = new FakeSource();
    source.holdSnapshots = true;
    const host = new TerminalStreamHost(source, ports());
    const early = new RecordingClient();
    source.holdSnapshots = false;
    host.attach(early);
    await settle();
    source.emit('a');
    source.holdSnapshots = true;
    const late = new RecordingClient();
    host.attach(late);
    source.emit('b');
    await vi.advanceTimersByTimeAsync(5);
    source.emit('c');
    source.releaseSnapshots();
    await settle();
    source.emit('d');
    await vi.advanceTimersByTimeAsync(5);
    expect(early.text).toBe('abcd');
    expect(late.received[0]).toEqual({ t: 'snapshot', data: 'a' });
    expect(late.text).toBe('bcd');
  });

  it('gathers output for about 5 ms into one frame', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    source.emit('one ');
    source.emit('two ');
    await vi.advanceTimersByTimeAsync(4);
    expect(client.byteFrames).toBe(0);
    source.emit('three');
    await vi.advanceTimersByTimeAsync(1);
    expect(client.received.slice(1)).toEqual([{ bytes: 'one two three' }]);
  });

  it('sends the first chunk after an input at once', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    link.receive({ t: 'input', data: 'x' });
    expect(source.written).toEqual(['x']);
    source.emit('x');
    expect(client.received.slice(1)).toEqual([{ bytes: 'x' }]);
    source.emit('more');
    expect(client.byteFrames).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(client.byteFrames).toBe(2);
  });

  it('treats input written through sessions.write like typed input', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    // What sessions.write does: the session's input listeners hear it, as they hear a view's input.
    source.write('y');
    source.emit('echo');
    expect(client.received.slice(1)).toEqual([{ bytes: 'echo' }]);
  });

  it('flushes pending output before a resize reaches the terminal', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    source.emit('old size');
    link.receive({ t: 'resize', cols: 100, rows: 30 });
    expect(client.received.slice(1)).toEqual([{ bytes: 'old size' }]);
    expect(source.sizes).toEqual([{ cols: 100, rows: 30 }]);
  });

  it('flushes pending output and then sends the exit when the session ends', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    source.emit('bye');
    source.end({ code: 3 });
    expect(client.received.slice(1)).toEqual([{ bytes: 'bye' }, { t: 'exit', code: 3 }]);
    expect(host.ended).toBe(true);
  });

  it('gives a client that attaches after the end the snapshot and then the exit', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    source.emit('last words');
    source.end({ code: 0, reason: 'done' });
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    expect(client.received).toEqual([{ t: 'snapshot', data: 'last words' }, { t: 'exit', code: 0, reason: 'done' }]);
  });

  it('sends UTF-8 bytes, counting multi-byte characters by their bytes', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 5, lowWatermark: 2 });
    const sent: Uint8Array[] = [];
    host.attach({ sendBytes: (b) => sent.push(b), sendControl: () => undefined });
    await settle();
    source.emit('é€');
    await vi.advanceTimersByTimeAsync(5);
    expect(Array.from(sent[0] ?? [])).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
    expect(host.isPaused).toBe(false);
    source.emit('x');
    await vi.advanceTimersByTimeAsync(5);
    expect(host.isPaused).toBe(true);
  });

  it('pauses the PTY above the high watermark and resumes below the low one', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 100, lowWatermark: 40 });
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    source.emit('x'.repeat(100));
    await vi.advanceTimersByTimeAsync(5);
    expect(source.calls).toEqual([]);
    source.emit('y');
    await vi.advanceTimersByTimeAsync(5);
    expect(source.calls).toEqual(['pause']);
    link.receive({ t: 'ack', bytes: 50 });
    expect(source.calls).toEqual(['pause']);
    link.receive({ t: 'ack', bytes: 20 });
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('is held back by the slowest client only while that client stays attached', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 10, lowWatermark: 5 });
    const fast = host.attach(new RecordingClient());
    const slow = host.attach(new RecordingClient());
    await settle();
    source.emit('0123456789ab');
    await vi.advanceTimersByTimeAsync(5);
    fast.receive({ t: 'ack', bytes: 12 });
    expect(source.calls).toEqual(['pause']);
    slow.detach();
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(host.clientCount).toBe(1);
  });

  it('does not send to a client after it detached', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    link.detach();
    source.emit('unseen');
    await vi.advanceTimersByTimeAsync(5);
    expect(client.received).toEqual([{ t: 'snapshot', data: '' }]);
  });

  it('drops a client whose transport throws and keeps serving the others', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const good = new RecordingClient();
    host.attach({
      sendBytes: () => {
        throw new Error('socket closed');
      },
      sendControl: () => undefined,
    });
    host.attach(good);
    await settle();
    source.emit('still here');
    await vi.advanceTimersByTimeAsync(5);
    expect(good.text).toBe('still here');
    expect(host.clientCount).toBe(1);
  });

  it('resumes a paused PTY when disposed', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 1, lowWatermark: 1 });
    host.attach(new RecordingClient());
    await settle();
    source.emit('xyz');
    await vi.advanceTimersByTimeAsync(5);
    host.dispose();
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('holds the PTY back while a client waiting for its snapshot has more than the high watermark queued', async () => {
    const source = new FakeSource();
    source.holdSnapshots = true;
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 100, lowWatermark: 40 });
    const client = new RecordingClient();
    const link = host.attach(client);
    source.emit('x'.repeat(60));
    expect(source.calls).toEqual([]);
    source.emit('y'.repeat(60));
    expect(source.calls).toEqual(['pause']);
    source.releaseSnapshots();
    await settle();
    // The queued output went out; it is unacked now and still holds the PTY until acked.
    expect(client.text).toBe(`${'x'.repeat(60)}${'y'.repeat(60)}`);
    expect(source.calls).toEqual(['pause']);
    link.receive({ t: 'ack', bytes: 120 });
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('never lets a flooding source queue more than the high watermark plus one batch per client', async () => {
    const source = new FakeSource();
    let paused = false;
    source.pause = () => void (paused = true);
    source.resume = () => void (paused = false);
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 1000, lowWatermark: 200, maxBatchCost: 100 });
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    let acked = 0;
    let most = 0;
    // A PTY that produces while it is not paused; the client acks a little now and then.
    for (let round = 0; round < 200; round++) {
      if (!paused) source.emit('z'.repeat(37));
      await vi.advanceTimersByTimeAsync(1);
      const sent = client.text.length;
      most = Math.max(most, sent - acked);
      if (round % 7 === 0 && sent > acked) {
        const credit = Math.min(300, sent - acked);
        acked += credit;
        link.receive({ t: 'ack', bytes: credit });
      }
    }
    expect(client.text.length).toBeGreaterThan(1000);
    expect(most).toBeLessThanOrEqual(1000 + 100 + 37);
  });

  it('counts short lines by their parse cost, so a window of `yes` pauses the PTY sooner than prose', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 100, lowWatermark: 40, lineCost: 12 });
    const link = host.attach(new RecordingClient());
    await settle();
    source.emit('x'.repeat(50));
    await vi.advanceTimersByTimeAsync(5);
    expect(source.calls).toEqual([]);
    // 10 bytes, but 5 lines of at least 12: 60 more, over the mark.
    source.emit('y\n'.repeat(5));
    await vi.advanceTimersByTimeAsync(5);
    expect(source.calls).toEqual(['pause']);
    // Acking the prose releases 50; the lines still cost 60, above the low mark; 6 of their 10 bytes release 36.
    link.receive({ t: 'ack', bytes: 50 });
    expect(source.calls).toEqual(['pause']);
    link.receive({ t: 'ack', bytes: 6 });
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('sends a batch of short lines once its parse cost reaches the batch size, so the PTY pauses before it reads far past the window', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 100, lowWatermark: 40, lineCost: 12, maxBatchCost: 60 });
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    // 8 bytes of `yes` cost 48: under the batch size, it waits for the timer.
    source.emit('y\n'.repeat(4));
    expect(client.byteFrames).toBe(0);
    // 2 more lines make 72 (only 12 bytes): sent at once, without waiting the 5 ms.
    source.emit('y\n'.repeat(2));
    expect(client.text).toBe('y\n'.repeat(6));
    expect(source.calls).toEqual([]);
    // The next batch crosses the window as soon as it is full, and the PTY pauses there.
    source.emit('y\n'.repeat(5));
    expect(source.calls).toEqual(['pause']);
    expect(client.text).toBe('y\n'.repeat(11));
  });

  it('sets aside a client still over the high watermark after catchUpMs, lets the agent go on, shows it the screen while the flood lasts, then goes live again', async () => {
    // Screens go out on a clock shared by every session (multiples of resyncMs): start it at 0.
    vi.setSystemTime(0);
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 10, lowWatermark: 5, catchUpMs: 50, resyncMs: 200, floodWatermark: 3 });
    const fastClient = new RecordingClient();
    const frozenClient = new RecordingClient();
    const fast = host.attach(fastClient);
    const frozen = host.attach(frozenClient);
    await settle();
    source.emit('0123456789ab');
    await vi.advanceTimersByTimeAsync(5);
    fast.receive({ t: 'ack', bytes: 12 });
    expect(source.calls).toEqual(['pause']);
    await vi.advanceTimersByTimeAsync(49);
    expect(source.calls).toEqual(['pause']);
    // 55 ms: set aside. The agent goes on, and the view gets the screen at once, to drop its backlog.
    await vi.advanceTimersByTimeAsync(1);
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(frozenClient.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]0123456789ab', screen: true });
    expect(host.clientCount).toBe(2);

    source.emit('later');
    await vi.advanceTimersByTimeAsync(5);
    expect(fastClient.text).toBe('0123456789ablater');
    expect(frozenClient.text).toBe('0123456789ab');

    // It parsed what it held: at the next tick (200 ms) it gets the screen again, not live output, as
    // the session produced more than floodWatermark per resyncMs since.
    frozen.receive({ t: 'ack', bytes: 12 + '[screen]0123456789ab'.length });
    await vi.advanceTimersByTimeAsync(139);
    expect(frozenClient.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]0123456789ab', screen: true });
    await vi.advanceTimersByTimeAsync(1);
    expect(frozenClient.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]0123456789ablater', screen: true });
    source.emit('!');
    await vi.advanceTimersByTimeAsync(5);
    expect(frozenClient.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]0123456789ablater', screen: true });

    // Calm (1 character in 200 ms): at the next tick a full snapshot, then live output again.
    frozen.receive({ t: 'ack', bytes: '[screen]0123456789ablater'.length });
    await vi.advanceTimersByTimeAsync(195);
    expect(frozenClient.received.at(-1)).toEqual({ t: 'snapshot', data: '0123456789ablater!' });
    frozen.receive({ t: 'ack', bytes: '0123456789ablater!'.length });
    source.emit('?');
    await vi.advanceTimersByTimeAsync(5);
    expect(frozenClient.received.at(-1)).toEqual({ bytes: '?' });
    expect(fastClient.text).toBe('0123456789ablater!?');
  });

  /** One attached client, screens every 200 ms from time 0, and a flood past 3 characters per 200 ms. */
  async function screenedClient() {
    vi.setSystemTime(0);
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), resyncMs: 200, floodWatermark: 3 });
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    return { source, client, link };
  }

  it('sets aside a client that skips: no live output after it, the screen at the next tick, live again once calm', async () => {
    const { source, client, link } = await screenedClient();
    source.emit('before');
    await vi.advanceTimersByTimeAsync(5);
    link.receive({ t: 'ack', bytes: 'before'.length });
    link.receive({ t: 'skip' });
    source.emit('dropped by the view');
    await vi.advanceTimersByTimeAsync(5);
    expect(client.text).toBe('before');
    // The session still produced more than floodWatermark per resyncMs: the screen, not live output.
    await vi.advanceTimersByTimeAsync(200);
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]beforedropped by the view', screen: true });
    link.receive({ t: 'ack', bytes: '[screen]beforedropped by the view'.length });
    await vi.advanceTimersByTimeAsync(200);
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: 'beforedropped by the view' });
  });

  it('ignores a skip after the end: the exit is not sent twice', async () => {
    const { source, client, link } = await screenedClient();
    source.end({ code: 0 });
    await settle();
    link.receive({ t: 'skip' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.received.filter((m) => 't' in m && m.t === 'exit')).toHaveLength(1);
  });

  it('keeps showing screens while the mirror holds the session back, however little came out', async () => {
    const { source, client, link } = await screenedClient();
    link.receive({ t: 'skip' });
    source.backlogged = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: '[screen]', screen: true });
    link.receive({ t: 'ack', bytes: '[screen]'.length });
    source.backlogged = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: '' });
  });

  it('sets aside a view that falls behind while the user types in another session without sending it a screen then', async () => {
    vi.setSystemTime(0);
    const priority = new OutputScheduler({ ...ports(), rationCost: 1_000_000 });
    const typed = new TerminalStreamHost(new FakeSource(), { ...ports(), priority });
    const floodSource = new FakeSource();
    const flood = new TerminalStreamHost(floodSource, { ...ports(), priority, highWatermark: 10, lowWatermark: 5, catchUpMs: 50, resyncMs: 200, floodWatermark: 3 });
    const typedLink = typed.attach(new RecordingClient());
    const client = new RecordingClient();
    const floodLink = flood.attach(client);
    await settle();
    typedLink.receive({ t: 'input', data: 'a' });
    floodSource.emit('0123456789ab');
    await vi.advanceTimersByTimeAsync(60);
    // Set aside (the agent goes on), but no screen while the user types.
    expect(floodSource.calls).toEqual(['pause', 'resume']);
    floodLink.receive({ t: 'ack', bytes: 12 });
    expect(client.received.filter((m) => 't' in m && m.t === 'snapshot')).toHaveLength(1);
    // Once the typing stops (calm since): the full snapshot.
    await vi.advanceTimersByTimeAsync(950);
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: '0123456789ab' });
    typed.dispose();
    flood.dispose();
  });

  it('brings a view set aside while the user typed elsewhere its screen as soon as the user types into its own session', async () => {
    vi.setSystemTime(0);
    const priority = new OutputScheduler({ ...ports(), rationCost: 10, hotMs: 1000 });
    const other = new TerminalStreamHost(new FakeSource(), { ...ports(), priority });
    const floodSource = new FakeSource();
    const flood = new TerminalStreamHost(floodSource, { ...ports(), priority, resyncMs: 200, floodWatermark: 3 });
    const otherLink = other.attach(new RecordingClient());
    const client = new RecordingClient();
    const floodLink = flood.attach(client);
    await settle();
    otherLink.receive({ t: 'input', data: 'a' });
    floodSource.emit('x'.repeat(50));
    await vi.advanceTimersByTimeAsync(5);
    floodLink.receive({ t: 'ack', bytes: 50 });
    await vi.advanceTimersByTimeAsync(300);
    expect(client.received.filter((m) => 't' in m && m.t === 'snapshot')).toHaveLength(1);
    // Ctrl-C in the flood's own pane: its screen now, not a second after the other pane's last key.
    floodLink.receive({ t: 'input', data: '\x03' });
    await vi.advanceTimersByTimeAsync(1);
    expect(client.received.filter((m) => 't' in m && m.t === 'snapshot')).toHaveLength(2);
    other.dispose();
    flood.dispose();
  });

  it('sets aside the live views of a session that floods while the user types in another, and shows them the screen once the typing stops', async () => {
    vi.setSystemTime(0);
    const priority = new OutputScheduler({ ...ports(), rationCost: 10, hotMs: 1000 });
    const typedSource = new FakeSource();
    const floodSource = new FakeSource();
    const typed = new TerminalStreamHost(typedSource, { ...ports(), priority, resyncMs: 200, floodWatermark: 3 });
    const flood = new TerminalStreamHost(floodSource, { ...ports(), priority, resyncMs: 200, floodWatermark: 3 });
    const typedClient = new RecordingClient();
    const floodClient = new RecordingClient();
    const typedLink = typed.attach(typedClient);
    flood.attach(floodClient);
    await settle();
    typedLink.receive({ t: 'input', data: 'a' });
    floodSource.emit('within the ration'.slice(0, 10));
    await vi.advanceTimersByTimeAsync(5);
    expect(floodClient.text).toBe('within the');
    // Over its ration: held back, and its view gets nothing more while the user types.
    floodSource.emit('over it');
    typedSource.emit('a');
    await vi.advanceTimersByTimeAsync(5);
    expect(floodSource.calls).toEqual(['pause']);
    expect(typedClient.text).toBe('a');
    expect(floodClient.text).toBe('within the');
    await vi.advanceTimersByTimeAsync(900);
    expect(floodClient.received.filter((m) => 't' in m && m.t === 'snapshot')).toHaveLength(1);
    // A second after the last key, the screen as it is then (the session still floods).
    floodSource.emit('x'.repeat(100));
    await vi.advanceTimersByTimeAsync(100);
    expect(floodClient.received.at(-1)).toEqual({ t: 'snapshot', data: `[screen]within theover it${'x'.repeat(100)}`, screen: true });
    // Calm since: the full snapshot, and live output again.
    await vi.advanceTimersByTimeAsync(200);
    expect(floodClient.received.at(-1)).toEqual({ t: 'snapshot', data: `within theover it${'x'.repeat(100)}` });
    typed.dispose();
    flood.dispose();
  });

  it('does not let a view stall the agent: the only client, frozen, is set aside and nothing is queued for it', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 10, lowWatermark: 5, catchUpMs: 50 });
    const client = new RecordingClient();
    host.attach(client);
    await settle();
    source.emit('0123456789ab');
    // The batch goes out after 5 ms; the agent waits catchUpMs for the view, no longer.
    await vi.advanceTimersByTimeAsync(55);
    expect(source.calls).toEqual(['pause', 'resume']);
    for (let i = 0; i < 100; i++) source.emit('more output ');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.text).toBe('0123456789ab');
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(host.isPaused).toBe(false);
  });

  it('sets aside at once a client that caught up with one burst and falls behind again within floodMs: the agent waits only once', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 100, lowWatermark: 50, catchUpMs: 50, floodMs: 1000 });
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    source.emit('x'.repeat(101));
    await vi.advanceTimersByTimeAsync(5);
    link.receive({ t: 'ack', bytes: 101 });
    expect(source.calls).toEqual(['pause', 'resume']);

    source.emit('y'.repeat(101));
    await vi.advanceTimersByTimeAsync(5);
    expect(host.isPaused).toBe(false);
    source.emit('unseen');
    await vi.advanceTimersByTimeAsync(5);
    expect(client.text).toBe('x'.repeat(101) + 'y'.repeat(101));
    expect(source.calls).toEqual(['pause', 'resume']);
  });

  it('brings a client that skipped output its last screen and the exit at once when the session ends, then the scrollback', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 10, lowWatermark: 5, catchUpMs: 50 });
    const client = new RecordingClient();
    const link = host.attach(client);
    await settle();
    source.emit('0123456789ab');
    await vi.advanceTimersByTimeAsync(55);
    source.emit('skipped');
    source.end({ code: 0 });
    await settle();
    // Not before it has parsed what it holds (the output and the screen it got when set aside): the
    // exit must come after the screen it ends on.
    expect(client.received.filter((m) => 't' in m && m.t === 'exit')).toEqual([]);
    link.receive({ t: 'ack', bytes: 12 + '[screen]0123456789ab'.length });
    await settle();
    expect(client.received.slice(-2)).toEqual([
      { t: 'snapshot', data: '[screen]0123456789abskipped', screen: true },
      { t: 'exit', code: 0 },
    ]);
    // Once it has painted that: the scrollback, as a full snapshot, and no second exit.
    link.receive({ t: 'ack', bytes: '[screen]0123456789abskipped'.length });
    await settle();
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: '0123456789abskipped' });
    expect(client.received.filter((m) => 't' in m && m.t === 'exit')).toHaveLength(1);
  });

  it('lets the client that last typed or resized drive the terminal size (tmux "latest")', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const wide = host.attach(new RecordingClient());
    const narrow = host.attach(new RecordingClient());
    await settle();
    wide.receive({ t: 'resize', cols: 200, rows: 50 });
    narrow.receive({ t: 'resize', cols: 80, rows: 24 });
    expect(source.sizes).toEqual([{ cols: 200, rows: 50 }, { cols: 80, rows: 24 }]);
    // Typing in the wide view takes the terminal back to its size; typing again changes nothing.
    wide.receive({ t: 'input', data: 'l' });
    wide.receive({ t: 'input', data: 's' });
    expect(source.sizes).toEqual([{ cols: 200, rows: 50 }, { cols: 80, rows: 24 }, { cols: 200, rows: 50 }]);
    expect(source.written).toEqual(['l', 's']);
  });

  it('leaves the size with the view that drives it when the pointer merely passes over another view', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const wide = host.attach(new RecordingClient());
    const narrow = host.attach(new RecordingClient());
    await settle();
    wide.receive({ t: 'resize', cols: 200, rows: 50 });
    narrow.receive({ t: 'resize', cols: 80, rows: 24 });
    // A program asking for every pointer move (DECSET 1003) gets them from every view the pointer crosses.
    wide.receive({ t: 'input', data: '\x1b[<35;10;5M\x1b[<35;11;5M' });
    expect(source.sizes).toEqual([{ cols: 200, rows: 50 }, { cols: 80, rows: 24 }]);
    expect(source.written).toEqual(['\x1b[<35;10;5M\x1b[<35;11;5M']);
    // A click is the user's doing.
    wide.receive({ t: 'input', data: '\x1b[<0;10;5M' });
    expect(source.sizes.at(-1)).toEqual({ cols: 200, rows: 50 });
  });

  it('hands the size to the most recently active client when the driving one leaves', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, ports());
    const first = host.attach(new RecordingClient());
    const second = host.attach(new RecordingClient());
    const third = host.attach(new RecordingClient());
    await settle();
    first.receive({ t: 'resize', cols: 100, rows: 30 });
    second.receive({ t: 'resize', cols: 120, rows: 40 });
    third.receive({ t: 'resize', cols: 90, rows: 20 });
    third.detach();
    expect(source.sizes.at(-1)).toEqual({ cols: 120, rows: 40 });
    first.detach();
    expect(source.sizes.at(-1)).toEqual({ cols: 120, rows: 40 });
    expect(source.sizes).toHaveLength(4);
  });

  it('gives priority to a session typed into through sessions.write, as to one typed into in a view', async () => {
    const priority = new OutputScheduler({ ...ports(), rationCost: 10, hotMs: 1000 });
    const typedSource = new FakeSource();
    const floodSource = new FakeSource();
    const typed = new TerminalStreamHost(typedSource, { ...ports(), priority });
    const flood = new TerminalStreamHost(floodSource, { ...ports(), priority });
    // No view attached to the typed-in session: the input reaches it the application's way.
    typedSource.write('a');
    floodSource.emit('x'.repeat(11));
    expect(floodSource.calls).toEqual(['pause']);
    expect(floodSource.pressure.reasons()).toEqual(['ration']);
    typed.dispose();
    flood.dispose();
    expect(floodSource.calls).toEqual(['pause', 'resume']);
  });

  it('holds the PTY for its views only: what the mirror holds stays held when the views let go', async () => {
    const source = new FakeSource();
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 10, lowWatermark: 5 });
    const link = host.attach(new RecordingClient());
    await settle();
    source.emit('0123456789ab');
    await vi.advanceTimersByTimeAsync(5);
    source.backlogged = true;
    expect(source.pressure.reasons()).toEqual(['views', 'mirror']);
    link.receive({ t: 'ack', bytes: 12 });
    expect(source.pressure.reasons()).toEqual(['mirror']);
    expect(source.calls).toEqual(['pause']);
    host.dispose();
    expect(source.pressure.reasons()).toEqual(['mirror']);
  });

  it('treats a client whose output held for its snapshot was over the window as one that just caught up: over again within floodMs, it is set aside at once', async () => {
    const source = new FakeSource();
    source.holdSnapshots = true;
    const host = new TerminalStreamHost(source, { ...ports(), highWatermark: 20, lowWatermark: 10, lineCost: 12, catchUpMs: 50, floodMs: 1000 });
    const client = new RecordingClient();
    const link = host.attach(client);
    // Held while the snapshot is taken: 15 + 12 (a line) is over the window.
    source.emit('x'.repeat(15));
    source.emit('y\n');
    expect(source.calls).toEqual(['pause']);
    source.holdSnapshots = false;
    source.releaseSnapshots();
    await settle();
    // Sent as one text, it costs 17: under the window.
    link.receive({ t: 'ack', bytes: 17 });
    expect(source.calls).toEqual(['pause', 'resume']);
    source.emit('z'.repeat(25));
    await vi.advanceTimersByTimeAsync(5);
    // The agent does not wait catchUpMs for it: no pause, and the screen instead of the backlog.
    expect(source.calls).toEqual(['pause', 'resume']);
    await settle();
    expect(client.received.at(-1)).toEqual({ t: 'snapshot', data: `[screen]${'x'.repeat(15)}y\n${'z'.repeat(25)}`, screen: true });
  });

  it('lets output that trails the end pass without holding the PTY, setting views aside or sending the exit twice', async () => {
    const priority = new OutputScheduler({ ...ports(), rationCost: 10, hotMs: 1000 });
    const typedSource = new FakeSource();
    const floodSource = new FakeSource();
    const typed = new TerminalStreamHost(typedSource, { ...ports(), priority });
    const flood = new TerminalStreamHost(floodSource, { ...ports(), priority });
    const client = new RecordingClient();
    flood.attach(client);
    await settle();
    typedSource.write('a');
    floodSource.end({ code: 0 });
    floodSource.emit('x'.repeat(50));
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.received.filter((m) => 't' in m && m.t === 'exit')).toHaveLength(1);
    expect(client.text).toBe('x'.repeat(50));
    expect(floodSource.calls).toEqual([]);
    typed.dispose();
    flood.dispose();
  });
});
