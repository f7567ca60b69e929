import type { Terminal } from '@xterm/xterm';
import type { TerminalClock } from './clock';

/**
 * Measurement hooks for `npm run bench`, present ONLY when the page is opened with `?bench=1`
 * (otherwise `benchProbe` returns undefined and nothing is recorded or exposed). The bench reads
 * `window.__tesseraBench` through Playwright to learn when bytes were parsed by xterm ("painted"),
 * so its figures measure the whole pipeline and not just the socket.
 *
 * window.__tesseraBench:
 *   sessions()                      ids of the sessions with a mounted terminal
 *   stats(id)                       { parsedBytes, writes, renders, renderedRows, firstOutputMs, exitMs, doneMs }
 *   whenFirstOutput(id)             resolves (the page's clock, performance.now()) once the screen shows any output
 *   whenDone(id)                    resolves once the exit arrived and every byte before it is parsed
 *   echo(id, data)                  types `data` as a user would and resolves with the ms until the next parse
 *   type(id, data)                  types `data`; returns the page's clock at the keystroke
 *   focus(id)                       gives the terminal the keyboard, as a click in its pane does
 *   screen(id)                      the visible rows as text (trailing spaces trimmed), to compare with the host's
 */
export interface BenchProbe {
  parsed(bytes: number): void;
  snapshotParsed(): void;
  exited(): void;
  dispose(): void;
}

interface ProbeRecord {
  readonly term: Terminal;
  parsedBytes: number;
  writes: number;
  /** xterm's repaints of the screen, and the rows they drew (the page's drawing work). */
  renders: number;
  renderedRows: number;
  firstOutputMs?: number;
  exitMs?: number;
  doneMs?: number;
  firstWaiters: Array<(t: number) => void>;
  doneWaiters: Array<(t: number) => void>;
  parseWaiters: Array<(t: number) => void>;
}

interface BenchStats {
  parsedBytes: number;
  writes: number;
  renders: number;
  renderedRows: number;
  firstOutputMs?: number;
  exitMs?: number;
  doneMs?: number;
}

interface BenchApi {
  sessions(): string[];
  stats(id: string): BenchStats | undefined;
  whenFirstOutput(id: string): Promise<number>;
  whenDone(id: string): Promise<number>;
  echo(id: string, data: string): Promise<number>;
  type(id: string, data: string): number;
  focus(id: string): void;
  screen(id: string): string;
}

declare global {
  interface Window {
    __tesseraBench?: BenchApi;
  }
}

const records = new Map<string, ProbeRecord>();
/** Waiters for sessions whose terminal is not mounted yet. */
const early = new Map<string, { first: Array<(t: number) => void>; done: Array<(t: number) => void> }>();

function enabled(): boolean {
  try {
    return new URLSearchParams(location.search).get('bench') === '1';
  } catch {
    return false;
  }
}

/** The page's clock, which the bench compares its own readings with (performance.now). */
type Clock = Pick<TerminalClock, 'now'>;

/** Installs `window.__tesseraBench` on a bench page (`?bench=1`) before any terminal mounts, so a bench never races the first pane. */
export function installBenchProbe(clock: Clock): void {
  if (enabled()) install(clock);
}

function install(clock: Clock): void {
  if (window.__tesseraBench) return;
  const waitersOf = (id: string) => {
    let entry = early.get(id);
    if (!entry) early.set(id, (entry = { first: [], done: [] }));
    return entry;
  };
  window.__tesseraBench = {
    sessions: () => [...records.keys()],
    stats(id) {
      const r = records.get(id);
      if (!r) return undefined;
      return { parsedBytes: r.parsedBytes, writes: r.writes, renders: r.renders, renderedRows: r.renderedRows, firstOutputMs: r.firstOutputMs, exitMs: r.exitMs, doneMs: r.doneMs };
    },
    whenFirstOutput(id) {
      const r = records.get(id);
      if (r?.firstOutputMs !== undefined) return Promise.resolve(r.firstOutputMs);
      return new Promise((resolve) => (r ? r.firstWaiters : waitersOf(id).first).push(resolve));
    },
    whenDone(id) {
      const r = records.get(id);
      if (r?.doneMs !== undefined) return Promise.resolve(r.doneMs);
      return new Promise((resolve) => (r ? r.doneWaiters : waitersOf(id).done).push(resolve));
    },
    echo(id, data) {
      const r = records.get(id);
      if (!r) return Promise.reject(new Error(`no terminal for ${id}`));
      return new Promise((resolve) => {
        const start = clock.now();
        r.parseWaiters.push((t) => resolve(t - start));
        typed(r.term, data);
      });
    },
    screen(id) {
      const r = records.get(id);
      if (!r) throw new Error(`no terminal for ${id}`);
      const buffer = r.term.buffer.active;
      const rows: string[] = [];
      for (let row = 0; row < r.term.rows; row++) rows.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
      return rows.join('\n');
    },
    type(id, data) {
      const r = records.get(id);
      if (!r) throw new Error(`no terminal for ${id}`);
      const t = clock.now();
      typed(r.term, data);
      return t;
    },
    focus(id) {
      const r = records.get(id);
      if (!r) throw new Error(`no terminal for ${id}`);
      r.term.focus();
    },
  };
}

/**
 * Types as a keystroke does: through xterm's input path (onData reaches the pane's input handler),
 * flagged as user input, so xterm parses the next output (the echo) at once, as it does for a key.
 * Calling the pane's input handler directly would measure a path no user takes: under 16 floods the
 * echo's parse would queue behind every other terminal's write timer.
 */
function typed(term: Terminal, data: string): void {
  term.input(data, true);
}

/** Whether xterm shows anything at all (the cursor moved or the screen scrolled). */
function showsOutput(term: Terminal): boolean {
  const buffer = term.buffer.active;
  return buffer.cursorX > 0 || buffer.cursorY > 0 || buffer.baseY > 0;
}

/** A probe for one mounted terminal, or undefined when the page is not a bench page. */
export function benchProbe(sessionId: string, term: Terminal, clock: Clock): BenchProbe | undefined {
  if (!enabled()) return undefined;
  install(clock);
  const waiting = early.get(sessionId);
  early.delete(sessionId);
  const record: ProbeRecord = {
    term,
    parsedBytes: 0,
    writes: 0,
    renders: 0,
    renderedRows: 0,
    firstWaiters: waiting?.first ?? [],
    doneWaiters: waiting?.done ?? [],
    parseWaiters: [],
  };
  records.set(sessionId, record);
  const rendered = term.onRender(({ start, end }) => {
    record.renders++;
    record.renderedRows += end - start + 1;
  });
  let pendingWrites = 0;
  let exited = false;

  const afterParse = () => {
    const now = clock.now();
    if (record.firstOutputMs === undefined && showsOutput(term)) {
      record.firstOutputMs = now;
      for (const w of record.firstWaiters.splice(0)) w(now);
    }
    for (const w of record.parseWaiters.splice(0)) w(now);
    if (exited && pendingWrites === 0 && record.doneMs === undefined) {
      record.doneMs = now;
      for (const w of record.doneWaiters.splice(0)) w(now);
    }
  };

  return {
    parsed(bytes) {
      record.parsedBytes += bytes;
      record.writes++;
      afterParse();
    },
    snapshotParsed() {
      afterParse();
    },
    exited() {
      record.exitMs = clock.now();
      exited = true;
      // Everything sent before the exit was handed to xterm first; an empty write parses after it.
      pendingWrites++;
      term.write('', () => {
        pendingWrites--;
        afterParse();
      });
    },
    dispose() {
      rendered.dispose();
      if (records.get(sessionId) === record) records.delete(sessionId);
    },
  };
}
