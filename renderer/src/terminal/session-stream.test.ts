import { describe, expect, it } from 'vitest';
import { FakeApi } from '../testing/fake-api';
import { FakeClock } from '../testing/fake-clock';
import { FeedScheduler, FEED_DEFAULTS } from './feed-scheduler';
import { createSessionStream, type ExitInfo } from './session-stream';

/** xterm as the stream sees it: it keeps what it is given until the test parses it. */
class FakeXterm {
  cols = 120;
  rows = 40;
  readonly written: string[] = [];
  private readonly unparsed: Array<() => void> = [];
  write(data: string | Uint8Array, parsed?: () => void): void {
    this.written.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
    if (parsed) this.unparsed.push(parsed);
  }
  parseAll(): void {
    while (this.unparsed.length > 0) this.unparsed.shift()!();
  }
}

function world() {
  const api = new FakeApi();
  const term = new FakeXterm();
  const clock = new FakeClock();
  const feed = new FeedScheduler({ ...FEED_DEFAULTS, now: () => clock.now(), setTimer: (fn, ms) => clock.setTimer(fn, ms) });
  const events: string[] = [];
  const stream = createSessionStream({
    api,
    sessionId: 's1',
    term,
    feed,
    parsed: (bytes) => events.push(`parsed ${bytes}`),
    snapshotParsed: () => events.push('snapshot parsed'),
    exited: (info: ExitInfo) => events.push(`exited ${info.code}`),
  });
  const sink = () => api.attachments.at(-1)!.sink;
  const sent = () => api.attachments.at(-1)!.sent;
  return { api, term, events, stream, sink, sent };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('session stream', () => {
  it('attaches with the terminal’s size, and paints a snapshot after a reset, acked by its characters once parsed', () => {
    const { stream, term, sink, sent, events } = world();
    stream.attach();
    expect(sent()).toEqual([{ t: 'resize', cols: 120, rows: 40 }]);
    sink().snapshot('$ hello');
    expect(term.written).toEqual(['\x1bc', '$ hello']);
    expect(sent()).toHaveLength(1);
    term.parseAll();
    expect(sent().at(-1)).toEqual({ t: 'ack', bytes: 7 });
    expect(events).toEqual(['snapshot parsed']);
  });

  it('paints a screen-only snapshot over a cleared screen, keeping the terminal', () => {
    const { stream, term, sink } = world();
    stream.attach();
    sink().snapshot('frame', true);
    expect(term.written[0]).toBe('\x1b[!p\x1b[H\x1b[2J\x1b[3J');
  });

  it('feeds output to xterm and acks it only once parsed', () => {
    const { stream, term, sink, sent, events } = world();
    stream.attach();
    sink().data(bytes('output'));
    expect(term.written).toEqual(['output']);
    expect(sent().filter((m) => (m as { t: string }).t === 'ack')).toEqual([]);
    term.parseAll();
    expect(sent().at(-1)).toEqual({ t: 'ack', bytes: 6 });
    expect(events).toEqual(['parsed 6']);
  });

  it('reports the end only after the output before it was handed to xterm', () => {
    const { stream, sink, events, term } = world();
    stream.attach();
    sink().data(bytes('last words'));
    sink().exit({ code: 3 });
    expect(events).toEqual(['exited 3']);
    expect(term.written).toEqual(['last words']);
  });

  it('sends what the user types and the new size to the session', () => {
    const { stream, sent } = world();
    stream.input('ls\r');
    stream.attach();
    stream.input('ls\r');
    stream.resize(90, 30);
    expect(sent().slice(1)).toEqual([{ t: 'input', data: 'ls\r' }, { t: 'resize', cols: 90, rows: 30 }]);
  });

  it('closes the stream on detach and ignores what the closed stream still delivers', () => {
    const { api, stream, term, sink } = world();
    stream.attach();
    const closed = sink();
    stream.detach();
    expect(api.attachments[0]!.closed).toBe(true);
    expect(stream.attached).toBe(false);
    closed.data(bytes('late'));
    closed.snapshot('late screen');
    expect(term.written).toEqual([]);
    stream.attach();
    expect(api.attachments).toHaveLength(2);
  });
});
