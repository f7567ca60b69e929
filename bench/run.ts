/**
 * `npm run bench`: terminal performance at scale, measured in one run on this machine (docs/PERFORMANCE.md
 * explains every figure). Every figure goes through the real thing (`bin/tessera web` in headless
 * Chromium, panes visible, "painted" = parsed by xterm.js as reported by the page's `?bench=1` probe,
 * see renderer/src/terminal/bench-probe.ts) and is printed beside a reference measured in the same run:
 * node-pty alone, driven from this process, and for the floods also bare xterm.js terminals in the same
 * Chromium fed the same bytes (bare-xterm/). Figures 8 and 9 run the real Claude Code (pinned, from the
 * real-agent test tier) against a scripted model server: the whole bench then runs itself again inside a
 * loopback-only network namespace (real-claude.ts), and where it cannot (not root, Claude Code not
 * installed) those two figures say why in one row. Prints a table and writes bench/results.json.
 *
 * Exits non-zero only when the bench could not run (setup failed or a figure could not be measured);
 * a figure that misses its goal is reported, not fatal. Options: --no-build (use dist/renderer and dist/mcp as they are),
 * --only 1,3 (run some figures), --cycles N (figure 7, default 1000); BENCH_RENDERER=dom|webgl forces
 * xterm's renderer (the page otherwise picks DOM on a software rasterizer such as headless Chromium's);
 * BENCH_HOST_NODE_ARGS runs the host under those Node flags (support.ts); BENCH_TRACE=<dir> records
 * Chromium traces of the floods and of figure 8's idle and streaming phases (`traced`); BENCH_DEBUG=1 prints screens that differ.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NodePtyAdapter } from '../adapters/pty/node-pty-adapter';
import type { PtyHandle } from '../domain/ports/pty.port';
import { longText, ModelServer } from '../e2e/fixtures/model-server/model-server';
import { agentsThatFit, descendantParts, streamingVerdicts, tesseraSeconds, AGENTS_PART, HELPERS_PART, STREAMING_GOALS } from './agent-cost';
import { startBareXterm, type BareRun, type BareSetup, type BareXterm } from './bare-xterm/bare-xterm';
import { availableMemory, CLAUDE_READY, isTesseraHelper, runInNamespaceIfNeeded, writeClaudeAgents } from './real-claude';
import {
  descendants,
  processTable,
  fakeAgentPath,
  fdTable,
  gridLayout,
  median,
  percentile,
  pssBytes,
  repoRoot,
  rssBytes,
  RpcClient,
  startCpuMeter,
  describeCpu,
  cpuMs,
  type CpuSplit,
  type ProcessTable,
  sleep,
  startHost,
  withTimeout,
  makeWorld,
  type BenchHost,
  type BenchWorld,
  type SessionDto,
} from './support';

const MB = 1024 * 1024;
const ONE_PANE_MB = 40;
const MANY_PANE_MB = 10;
const LOOP_FILE_MB = 4;

interface Row {
  readonly figure: string;
  readonly measure: string;
  readonly tessera: string;
  readonly reference: string;
  readonly ratio: string;
  readonly goal: string;
  readonly met: '' | 'yes' | 'NO';
}

const args = process.argv.slice(2);
const only = (() => {
  const i = args.indexOf('--only');
  return i >= 0 ? new Set((args[i + 1] ?? '').split(',').map(Number)) : undefined;
})();
const cycles = (() => {
  const i = args.indexOf('--cycles');
  return i >= 0 ? Number(args[i + 1]) : 1000;
})();

/** Figures 8 and 9 run the real Claude Code, inside a loopback-only network namespace (real-claude.ts). */
const REAL_FIGURES = [8, 9];
const wantsRealAgents = REAL_FIGURES.some((n) => !only || only.has(n));
const namespaced = wantsRealAgents ? runInNamespaceIfNeeded(process.argv[1]!, args) : { skipReason: undefined };
if ('exitCode' in namespaced) process.exit(namespaced.exitCode);
/** Why figures 8 and 9 do not run here, when they do not. */
const realSkipReason = namespaced.skipReason;

const rows: Row[] = [];
const results: Record<string, unknown> = { startedAt: new Date().toISOString(), machine: machineInfo() };
const failures: string[] = [];
const cpuSplits: Record<string, CpuSplit> = {};
results.cpu = cpuSplits;
const pty = new NodePtyAdapter({ killGraceMs: 500 });

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mb = (bytes: number) => `${fmt(bytes / MB, 1)} MB`;
const percent = (share: number) => `${fmt(100 * share, 0)}%`;

function row(figure: string, measure: string, tessera: string, reference: string, ratio: string, goal: string, met?: boolean): void {
  rows.push({ figure, measure, tessera, reference, ratio, goal, met: met === undefined ? '' : met ? 'yes' : 'NO' });
}

function machineInfo(): Record<string, unknown> {
  let cpus = 'unknown';
  try {
    cpus = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // not Linux
  }
  return { node: process.version, cpus, platform: process.platform, loadAtStart: loadAverage() };
}

/** The 1, 5 and 15 minute load averages (/proc/loadavg), or undefined off Linux: how busy the machine was. */
function loadAverage(): string | undefined {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return undefined;
  }
}

// ---- node-pty alone (the reference) --------------------------------------------------------------

function spawnRaw(command: string, argv: readonly string[]): PtyHandle {
  const spawned = pty.spawn({ command, args: argv, cwd: repoRoot, env: { ...(process.env as Record<string, string>), TERM: 'xterm-256color' }, size: { cols: 120, rows: 30 } });
  if (!spawned.ok) throw new Error(`node-pty could not spawn ${command}: ${spawned.error.kind}`);
  return spawned.value;
}

/** Drains `cat file` through node-pty: bytes received until exit, and the time that took. */
function rawDrain(file: string): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const handle = spawnRaw('cat', [file]);
    let bytes = 0;
    handle.onData((data) => {
      bytes += data.length;
    });
    handle.onExit(() => {
      // node-pty may report the exit a moment before its last read; give the socket one turn.
      setTimeout(() => resolve({ bytes, ms: performance.now() - start }), 0);
    });
  });
}

/**
 * What a PTY gives for `cat file`, chunk by chunk as node-pty read it: the bytes the bare xterm.js page
 * is fed. The shell outlives cat so that every byte is read before the PTY closes (node-pty can lose
 * the last few KB of a process that exits at once).
 */
function ptyOutput(file: string): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    const handle = spawnRaw('sh', ['-c', 'cat "$0"; sleep 0.3', file]);
    handle.onData((data) => chunks.push(Buffer.from(data, 'utf8')));
    handle.onExit(() => setTimeout(() => resolve(chunks), 0));
  });
}

async function rawFirstByte(command: string, argv: readonly string[]): Promise<number> {
  const start = performance.now();
  const handle = spawnRaw(command, argv);
  const ms = await new Promise<number>((resolve) => {
    const sub = handle.onData(() => {
      sub.dispose();
      resolve(performance.now() - start);
    });
  });
  await new Promise<void>((resolve) => {
    handle.onExit(() => resolve());
    handle.kill();
  });
  return ms;
}

/** `yes` through node-pty, then Ctrl-C: ms from the keystroke to the exit with the output drained. */
async function rawCtrlC(): Promise<number> {
  const handle = spawnRaw('yes', []);
  await new Promise<void>((resolve) => {
    const sub = handle.onData(() => {
      sub.dispose();
      resolve();
    });
  });
  await sleep(200);
  const start = performance.now();
  return new Promise((resolve) => {
    handle.onExit(() => setTimeout(() => resolve(performance.now() - start), 0));
    handle.write('\x03');
  });
}

// ---- the Tessera side ----------------------------------------------------------------------------

interface Env {
  readonly world: BenchWorld;
  readonly host: BenchHost;
  readonly rpc: RpcClient;
  readonly browser: Browser;
  readonly bare: BareXterm;
  page: Page;
  readonly slugs: Map<string, string>;
  consoleDiscards: number;
  /** The scripted model server the real Claude Code agents talk to, when figures 8 and 9 run. */
  readonly model?: ModelServer;
}

async function createAgents(rpc: RpcClient, specs: ReadonlyArray<{ name: string; profile: string }>): Promise<Map<string, string>> {
  const slugs = new Map<string, string>();
  for (const spec of specs) {
    const agent = await rpc.call<{ slug: string }>('agents.create', { name: spec.name, profile: spec.profile, persona: 'Bench workload.' });
    slugs.set(spec.name, agent.slug);
  }
  return slugs;
}

/** Saves a grid of terminal panes for these agents and (re)opens the page so it shows them. */
async function showPanes(env: Env, names: readonly string[]): Promise<void> {
  const agents = names.map((n) => env.slugs.get(n)!);
  const { revision } = await env.rpc.call<{ revision: number }>('layout.get', {});
  await env.rpc.call('layout.save', { layout: { version: 1, root: gridLayout(agents), relaunchOnOpen: false }, basedOn: revision });
  await env.page.goto(`${env.host.url}&bench=1${process.env.BENCH_RENDERER ? `&renderer=${process.env.BENCH_RENDERER}` : ''}`);
  for (const name of names) await env.page.getByRole('region', { name: `Terminal: ${name}`, exact: true }).waitFor({ state: 'visible', timeout: 20_000 });
}

async function launch(env: Env, name: string): Promise<SessionDto> {
  return env.rpc.call<SessionDto>('agents.launch', { slug: env.slugs.get(name)!, cols: 120, rows: 30 });
}

async function killAll(env: Env): Promise<void> {
  const sessions = await env.rpc.call<SessionDto[]>('sessions.list');
  const live = sessions.filter((s) => s.status !== 'exited' && s.status !== 'failed');
  await Promise.all(
    live.map(async (s) => {
      const ended = env.rpc.whenEnded(s.id);
      await env.rpc.call('sessions.kill', { id: s.id });
      await ended;
    }),
  );
}

interface BenchStats {
  readonly parsedBytes: number;
  readonly renders: number;
  readonly renderedRows: number;
  readonly exitMs?: number;
}

const pageCall = <T>(page: Page, fn: string, ...params: unknown[]): Promise<T> =>
  page.evaluate(
    ([name, p]) => {
      const bench = (window as unknown as { __tesseraBench?: Record<string, (...a: unknown[]) => unknown> }).__tesseraBench;
      if (!bench) throw new Error('the page has no bench probe (opened without ?bench=1?)');
      return bench[name as string]!(...(p as unknown[])) as T;
    },
    [fn, params] as const,
  );

async function waitMounted(env: Env, sessionId: string, timeout = 20_000): Promise<void> {
  await env.page.waitForFunction(
    (id) => (window as unknown as { __tesseraBench?: { sessions(): string[] } }).__tesseraBench?.sessions().includes(id) ?? false,
    sessionId,
    { timeout, polling: 20 },
  );
}

/**
 * A view that falls behind a flood skips to the mirror's screen (server/terminal/terminal-stream-host.ts), so
 * throughput alone could hide a wrong screen: once a flood is done, the page must show the screen the
 * host's mirror holds. Compared from the bottom: after the exit the pane shows an exit bar and its
 * terminal loses rows (resizing a dead session changes nothing on the host). Returns the sessions
 * whose screens differ.
 */
async function screensDiffer(env: Env, sessionIds: readonly string[]): Promise<string[]> {
  // A pane set aside when its session ended gets the last screen with the exit and its scrollback just
  // after (a full snapshot): compare at rest, once that has landed.
  await sleep(500);
  const differ: string[] = [];
  for (const id of sessionIds) {
    const host = (await env.rpc.call<{ text: string }>('sessions.snapshot', { id })).text.trimEnd().split('\n');
    const page = (await pageCall<string>(env.page, 'screen', id)).trimEnd().split('\n');
    const rows = Math.min(host.length, page.length);
    if (rows === 0 || host.slice(-rows).join('\n') !== page.slice(-rows).join('\n')) {
      differ.push(id);
      if (process.env.BENCH_DEBUG) console.log(`screen of ${id} differs:\n--- host\n${host.join('\n')}\n--- page\n${page.join('\n')}`);
    }
  }
  return differ;
}

/**
 * Whether the host mirror ends as the bare page's terminal does, which was fed every byte of the same
 * output at the same grid (compared from the bottom, as the screens are). A mirror that differs did
 * not get all of the output, or not as the PTY gave it.
 */
function mirrorShowsAll(mirror: string, bare: string): boolean {
  const a = mirror.trimEnd().split('\n');
  const b = bare.trimEnd().split('\n');
  const rows = Math.min(a.length, b.length);
  const same = rows > 0 && a.slice(-rows).join('\n') === b.slice(-rows).join('\n');
  if (!same && process.env.BENCH_DEBUG) console.log(`host mirror and bare xterm.js differ:\n--- host\n${a.join('\n')}\n--- bare\n${b.join('\n')}`);
  return same;
}

/**
 * Xterm's font size and line height in Tessera's panes (its font family is the page's --font-mono).
 * The bare page's screens are checked against the panes' in pixels, so a change here or there shows.
 */
const PANE_FONT_SIZE = 13;
const PANE_LINE_HEIGHT = 1.15;

interface PaneLook {
  readonly setup: BareSetup;
  /** The pixel size of each pane's xterm screen, for the bare page's to be checked against. */
  readonly screens: ReadonlyArray<{ readonly width: number; readonly height: number }>;
}

/**
 * How these agents' panes look while their sessions run, for the bare page to copy: the grid the host
 * runs each session at, the box xterm opens in, the renderer each pane got, the font xterm measures.
 * Read from a launch of its own (then killed), outside the timed runs: once a session has exited its
 * pane shows an exit bar and its terminal has fewer rows.
 */
async function paneLook(env: Env, names: readonly string[]): Promise<PaneLook> {
  const sessions = await Promise.all(names.map((n) => launch(env, n)));
  await withTimeout(Promise.all(sessions.map((s) => pageCall(env.page, 'whenFirstOutput', s.id))), 180_000, 'panes first output');
  const sizes = await fittedSizes(env, sessions);
  const looks = [];
  for (const name of names) {
    looks.push(
      await env.page
        .getByRole('region', { name: `Terminal: ${name}`, exact: true })
        .locator('.xterm')
        .evaluate((xterm) => {
          const box = xterm.parentElement!.getBoundingClientRect();
          const screen = xterm.querySelector('.xterm-screen')!.getBoundingClientRect();
          return {
            box: { left: box.left, top: box.top, width: box.width, height: box.height },
            screen: { width: screen.width, height: screen.height },
            webgl: xterm.querySelector('.xterm-screen canvas') !== null,
            fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim(),
          };
        }),
    );
  }
  await killAll(env);
  const first = looks[0]!;
  return {
    setup: {
      fontFamily: first.fontFamily || 'monospace',
      fontSize: PANE_FONT_SIZE,
      lineHeight: PANE_LINE_HEIGHT,
      terminals: looks.map((look, i) => {
        const size = sizes.get(sessions[i]!.id)!;
        return { box: look.box, cols: size.cols, rows: size.rows, webgl: look.webgl };
      }),
    },
    screens: looks.map((look) => look.screen),
  };
}

/**
 * The sessions' sizes once their panes have settled: each pane's terminal has as many rows as its
 * session on the host, and nothing changed since the last look (a pane fits, then tells the host).
 * After about six seconds, as they are: the geometry check then reports what does not match.
 */
async function fittedSizes(env: Env, sessions: readonly SessionDto[]): Promise<Map<string, SessionDto>> {
  const ids = new Set(sessions.map((s) => s.id));
  let previous = '';
  for (let i = 0; ; i++) {
    await sleep(300);
    const live = (await env.rpc.call<SessionDto[]>('sessions.list')).filter((s) => ids.has(s.id));
    const pageRows = await Promise.all(live.map(async (s) => (await pageCall<string>(env.page, 'screen', s.id)).split('\n').length));
    const now = live.map((s) => `${s.cols}x${s.rows}`).join(' ');
    if (i >= 20 || (now === previous && live.every((s, j) => s.rows === pageRows[j]))) return new Map(live.map((s) => [s.id, s]));
    previous = now;
  }
}

/** Terminals of the bare page that did not come out as the panes they copy (grid, screen pixels, renderer). */
function unlike(look: PaneLook, run: BareRun): number {
  return run.terminals.filter((t, i) => {
    const spec = look.setup.terminals[i]!;
    const screen = look.screens[i]!;
    const renderer = spec.webgl ? 'webgl' : 'dom';
    return t.cols !== spec.cols || t.rows !== spec.rows || t.renderer !== renderer || Math.abs(t.screen.width - screen.width) > 1 || Math.abs(t.screen.height - screen.height) > 1;
  }).length;
}

function discards(env: Env): number {
  return (env.host.stderr().match(/write data discarded/g) ?? []).length + env.consoleDiscards;
}

/**
 * Where the CPU went during a figure (percent of one core; this machine has `nproc` of them), and during
 * its bare xterm.js runs if it has them.
 */
function cpuRow(figure: string, split: CpuSplit, bare?: CpuSplit): void {
  cpuSplits[figure] = split;
  if (bare) cpuSplits[`${figure} bare xterm.js`] = bare;
  row('', 'CPU, % of one core', describeCpu(split), bare ? describeCpu(bare) : '', '', 'reported');
}

/**
 * With BENCH_TRACE=<dir>, records a Chromium performance trace of `what` as <dir>/<name>.json (open it in
 * the DevTools Performance panel or ui.perfetto.dev). Tracing costs the page time: a traced run's
 * figures show where the time goes, not how fast it goes.
 */
async function traced<T>(env: Env, name: string, what: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_TRACE;
  if (!dir) return what();
  mkdirSync(dir, { recursive: true });
  await env.browser.startTracing(env.page, {
    path: join(dir, `${name}.json`),
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'blink', 'cc', 'gpu', 'toplevel'],
  });
  try {
    return await what();
  } finally {
    await env.browser.stopTracing();
  }
}

// ---- figures -------------------------------------------------------------------------------------

async function figure1(env: Env): Promise<void> {
  const file = env.world.files.get(ONE_PANE_MB)!;
  const bytes = ONE_PANE_MB * MB;
  const raw: number[] = [];
  for (let i = 0; i < 3; i++) raw.push((await rawDrain(file)).ms);
  const rawMbps = bytes / MB / (median(raw) / 1000);
  const chunks = await ptyOutput(file);

  await showPanes(env, ['one']);
  const output = chunks.reduce((sum, c) => sum + c.length, 0);
  const runs: number[] = [];
  const parsed: number[] = [];
  const wrong: string[] = [];
  const mirrors: string[] = [];
  const cpu = startCpuMeter(env.host.pid);
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const session = await traced(env, `figure1-tessera-${i + 1}`, async () => {
      const launched = await launch(env, 'one');
      await withTimeout(pageCall(env.page, 'whenDone', launched.id), 180_000, 'one pane flood');
      return launched;
    });
    runs.push(performance.now() - start);
    parsed.push((await pageCall<BenchStats>(env.page, 'stats', session.id)).parsedBytes);
    wrong.push(...(await screensDiffer(env, [session.id])));
    mirrors.push((await env.rpc.call<{ text: string }>('sessions.snapshot', { id: session.id })).text);
  }
  const split = cpu.stop();
  const look = await paneLook(env, ['one']);

  const bareMs: number[] = [];
  let bareScreen = '';
  let bareUnlike = 0;
  const bareCpu = startCpuMeter(env.host.pid);
  for (let i = 0; i < 2; i++) {
    const run = await traced(env, `figure1-bare-${i + 1}`, () => withTimeout(env.bare.run(env.page, look.setup, chunks), 180_000, 'bare xterm.js, one terminal'));
    bareMs.push(run.doneMs[0]!);
    bareScreen = run.screens[0]!;
    bareUnlike = Math.max(bareUnlike, unlike(look, run));
  }
  const bareSplit = bareCpu.stop();
  const incomplete = mirrors.filter((m) => !mirrorShowsAll(m, bareScreen)).length;

  const mbps = bytes / MB / (median(runs) / 1000);
  const ratio = mbps / rawMbps;
  const bareMbps = bytes / MB / (median(bareMs) / 1000);
  const bareRatio = mbps / bareMbps;
  results.figure1 = {
    fileMb: ONE_PANE_MB,
    tesseraMs: runs,
    outputBytes: output,
    pageParsedBytes: parsed,
    rawMs: raw,
    tesseraMBps: mbps,
    rawMBps: rawMbps,
    ratio,
    screensDiffering: wrong.length,
    mirrorsWithoutAllOutput: incomplete,
    bareMs,
    bareMBps: bareMbps,
    bareRatio,
    bareTerminalsUnlikePanes: bareUnlike,
    bareSetup: look.setup,
  };
  row('1 one pane flooding', `cat ${ONE_PANE_MB} MB, MB/s vs node-pty alone`, fmt(mbps), fmt(rawMbps), fmt(ratio, 2), 'ratio >= 0.25', ratio >= 0.25);
  row('', 'MB/s vs bare xterm.js', fmt(mbps), fmt(bareMbps), fmt(bareRatio, 2), 'ratio >= 0.8', bareRatio >= 0.8);
  row('', 'output parsed as a stream (the rest as screens)', percent(median(parsed) / output), '100%', '', 'reported');
  row('', 'final screen = host mirror', `${runs.length - wrong.length} of ${runs.length}`, '', '', 'all', wrong.length === 0);
  row('', 'host mirror = bare xterm.js (all output)', `${runs.length - incomplete} of ${runs.length}`, '', '', 'all', incomplete === 0);
  row('', 'bare page: same grid, pixels, renderer', '', `${look.setup.terminals.length - bareUnlike} of ${look.setup.terminals.length}`, '', 'all', bareUnlike === 0);
  cpuRow('figure1', split, bareSplit);
}

async function figure2(env: Env): Promise<void> {
  const names = Array.from({ length: 16 }, (_, i) => `f${String(i + 1).padStart(2, '0')}`);
  const file = env.world.files.get(MANY_PANE_MB)!;
  const perPane = MANY_PANE_MB * MB;

  const rawStart = performance.now();
  const rawRuns = await Promise.all(names.map(() => rawDrain(file)));
  const rawMs = performance.now() - rawStart;
  const rawAggregate = (perPane * names.length) / MB / (rawMs / 1000);
  const rawPer = rawRuns.map((r) => perPane / MB / (r.ms / 1000));
  const chunks = await ptyOutput(file);

  await showPanes(env, names);
  const discardsBefore = discards(env);
  const rssBefore = rssBytes(env.host.pid);
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, rssBytes(env.host.pid));
  }, 50);
  const cpu = startCpuMeter(env.host.pid);
  const start = performance.now();
  const { sessions, doneMs } = await traced(env, 'figure2-tessera', async () => {
    const launched = await Promise.all(names.map((n) => launch(env, n)));
    const done = await withTimeout(
      Promise.all(
        launched.map(async (s) => {
          await pageCall(env.page, 'whenDone', s.id);
          return performance.now() - start;
        }),
      ),
      240_000,
      '16 panes flooding',
    );
    return { sessions: launched, doneMs: done };
  });
  clearInterval(sampler);
  const split = cpu.stop();
  rssMax = Math.max(rssMax, rssBytes(env.host.pid));
  const parsed = await Promise.all(sessions.map(async (s) => (await pageCall<BenchStats>(env.page, 'stats', s.id)).parsedBytes));
  const totalMs = Math.max(...doneMs);
  const aggregate = (perPane * names.length) / MB / (totalMs / 1000);
  const per = doneMs.map((ms) => perPane / MB / (ms / 1000));
  const fairness = Math.max(...per) / Math.min(...per);
  const rawFairness = Math.max(...rawPer) / Math.min(...rawPer);
  const ratio = aggregate / rawAggregate;
  const lost = discards(env) - discardsBefore;
  const wrong = await screensDiffer(env, sessions.map((s) => s.id));
  const growth = rssMax - rssBefore;
  const mirrors = await Promise.all(sessions.map(async (s) => (await env.rpc.call<{ text: string }>('sessions.snapshot', { id: s.id })).text));
  const look = await paneLook(env, names);

  const bareCpu = startCpuMeter(env.host.pid);
  const bare = await traced(env, 'figure2-bare', () => withTimeout(env.bare.run(env.page, look.setup, chunks), 240_000, 'bare xterm.js, 16 terminals'));
  const bareSplit = bareCpu.stop();
  const bareAggregate = (perPane * names.length) / MB / (Math.max(...bare.doneMs) / 1000);
  const barePer = bare.doneMs.map((ms) => perPane / MB / (ms / 1000));
  const bareFairness = Math.max(...barePer) / Math.min(...barePer);
  const bareRatio = aggregate / bareAggregate;
  // Bare terminal i has pane i's grid: the mirror of that pane's session must end as it does.
  const incomplete = mirrors.filter((mirror, i) => !mirrorShowsAll(mirror, bare.screens[i]!)).length;
  const bareUnlike = unlike(look, bare);
  results.figure2 = {
    panes: names.length,
    fileMbPerPane: MANY_PANE_MB,
    doneMs,
    outputBytesPerPane: chunks.reduce((sum, c) => sum + c.length, 0),
    pageParsedBytes: parsed,
    perPaneMBps: per,
    aggregateMBps: aggregate,
    rawAggregateMBps: rawAggregate,
    rawPerPaneMBps: rawPer,
    ratio,
    fairness,
    rawFairness,
    discards: lost,
    screensDiffering: wrong.length,
    mirrorsWithoutAllOutput: incomplete,
    rssBefore,
    rssMax,
    rssGrowth: growth,
    bareDoneMs: bare.doneMs,
    bareAggregateMBps: bareAggregate,
    barePerPaneMBps: barePer,
    bareFairness,
    bareRatio,
    bareTerminalsUnlikePanes: bareUnlike,
    bareSetup: look.setup,
  };
  row('2 16 panes flooding', `aggregate MB/s (${MANY_PANE_MB} MB each) vs node-pty alone`, fmt(aggregate), fmt(rawAggregate), fmt(ratio, 2), 'ratio >= 0.25', ratio >= 0.25);
  row('', 'aggregate MB/s vs bare xterm.js', fmt(aggregate), fmt(bareAggregate), fmt(bareRatio, 2), 'ratio >= 0.6', bareRatio >= 0.6);
  row('', 'fairness max/min per pane', `${fmt(fairness, 2)}x`, `${fmt(rawFairness, 2)}x; bare ${fmt(bareFairness, 2)}x`, '', '<= 1.5x', fairness <= 1.5);
  row('', '"write data discarded"', String(lost), '0', '', '0', lost === 0);
  const parsedShare = parsed.reduce((a, b) => a + b, 0) / (names.length * chunks.reduce((sum, c) => sum + c.length, 0));
  row('', 'output parsed as a stream (the rest as screens)', percent(parsedShare), '100%', '', 'reported');
  row('', 'final screen = host mirror', `${sessions.length - wrong.length} of ${sessions.length}`, '', '', 'all', wrong.length === 0);
  row('', 'host mirror = bare xterm.js (all output)', `${sessions.length - incomplete} of ${sessions.length}`, '', '', 'all', incomplete === 0);
  row('', 'bare page: same grid, pixels, renderer', '', `${names.length - bareUnlike} of ${names.length}`, '', 'all', bareUnlike === 0);
  row('', 'host RSS growth', mb(growth), '', '', '< 150 MB', growth < 150 * MB);
  cpuRow('figure2', split, bareSplit);
  await killAll(env);
}

async function figure3(env: Env): Promise<void> {
  const loops = Array.from({ length: 16 }, (_, i) => `l${String(i + 1).padStart(2, '0')}`);
  await showPanes(env, ['quiet', ...loops]);
  const quiet = await launch(env, 'quiet');
  await waitMounted(env, quiet.id);
  await sleep(300);
  const sample = async (n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await withTimeout(pageCall<number>(env.page, 'echo', quiet.id, 'a'), 20_000, 'keystroke echo'));
      await sleep(25);
    }
    return out;
  };
  const idle = await sample(40);
  const flooding = await Promise.all(loops.map((n) => launch(env, n)));
  // Typing while the floods run, not while their panes still mount and attach (launching is figure 5):
  // every loop's pane shows output first, then the floods settle for a moment.
  await withTimeout(Promise.all(flooding.map((s) => pageCall(env.page, 'whenFirstOutput', s.id))), 60_000, 'loops first output');
  await sleep(1500);
  const cpu = startCpuMeter(env.host.pid);
  const loaded = await sample(40);
  const split = cpu.stop();
  const idleP95 = percentile(idle, 95);
  const loadP95 = percentile(loaded, 95);
  const ratio = loadP95 / idleP95;
  results.figure3 = { idleMs: idle, loadMs: loaded, idleP50: median(idle), idleP95, loadP50: median(loaded), loadP95, ratio };
  row('3 keystroke echo, 16 flooding', 'p50 / p95 ms', `${fmt(median(loaded))} / ${fmt(loadP95)}`, `${fmt(median(idle))} / ${fmt(idleP95)} idle`, fmt(ratio, 2), 'p95 <= 3x idle', ratio <= 3);
  cpuRow('figure3', split);
  await killAll(env);
}

async function figure4(env: Env): Promise<void> {
  await showPanes(env, ['yes']);
  const samples: number[] = [];
  const detail: Array<{ backlogBytes: number; exitArrivedMs: number; afterExitMs: number }> = [];
  for (let i = 0; i < 12; i++) {
    const session = await launch(env, 'yes');
    await waitMounted(env, session.id);
    await withTimeout(pageCall(env.page, 'whenFirstOutput', session.id), 20_000, 'yes first output');
    await sleep(400);
    const atKey = await pageCall<BenchStats>(env.page, 'stats', session.id);
    const pressed = await pageCall<number>(env.page, 'type', session.id, '\x03');
    const done = await withTimeout(pageCall<number>(env.page, 'whenDone', session.id), 60_000, 'Ctrl-C to last byte');
    const atDone = await pageCall<BenchStats>(env.page, 'stats', session.id);
    samples.push(done - pressed);
    // Where the time went: output still on its way when the key was pressed, and when the exit reached the page.
    detail.push({ backlogBytes: atDone.parsedBytes - atKey.parsedBytes, exitArrivedMs: (atDone.exitMs ?? NaN) - pressed, afterExitMs: done - (atDone.exitMs ?? NaN) });
    await env.rpc.call('sessions.kill', { id: session.id });
  }
  const raw: number[] = [];
  for (let i = 0; i < 6; i++) raw.push(await rawCtrlC());
  const p95 = percentile(samples, 95);
  results.figure4 = { ms: samples, detail, rawMs: raw, p50: median(samples), p95, rawP95: percentile(raw, 95) };
  row('4 Ctrl-C after yes', 'keystroke to last byte painted, p50 / p95 ms vs node-pty alone', `${fmt(median(samples))} / ${fmt(p95)}`, `${fmt(median(raw))} / ${fmt(percentile(raw, 95))}`, '', 'p95 < 100 ms', p95 < 100);
}

async function figure5(env: Env): Promise<void> {
  await showPanes(env, ['fake']);
  const samples: number[] = [];
  for (let i = 0; i < 8; i++) {
    const start = performance.now();
    const session = await launch(env, 'fake');
    await withTimeout(pageCall(env.page, 'whenFirstOutput', session.id), 20_000, 'first output');
    samples.push(performance.now() - start);
    const ended = env.rpc.whenEnded(session.id);
    await env.rpc.call('sessions.kill', { id: session.id });
    await ended;
  }
  const raw: number[] = [];
  for (let i = 0; i < 8; i++) raw.push(await rawFirstByte(fakeAgentPath, []));
  const ratio = median(samples) / median(raw);
  results.figure5 = { ms: samples, rawMs: raw, ratio };
  row('5 launch to first output', 'median ms (fake agent) vs node-pty alone', fmt(median(samples)), fmt(median(raw)), fmt(ratio, 2), '< 3x', ratio < 3);
}

function browserPss(): number {
  return descendants(process.pid)
    .filter((p) => /chrom/i.test(p.comm))
    .reduce((sum, p) => sum + pssBytes(p.pid), 0);
}

/** The page's JS heap after a full collection, through the DevTools protocol. */
async function jsHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Host RSS and browser PSS/heap with nothing collectable left: a forced GC in the page, then a settle. */
async function memoryAt(env: Env): Promise<{ host: number; browser: number; heap: number }> {
  const heap = await jsHeap(env.page);
  // The host has no GC trigger from outside; freed memory and finished work settle within a second or two.
  await sleep(2000);
  await jsHeap(env.page);
  return { host: rssBytes(env.host.pid), browser: browserPss(), heap };
}

async function figure6(env: Env): Promise<void> {
  const names = Array.from({ length: 32 }, (_, i) => `i${String(i + 1).padStart(2, '0')}`);
  // Baseline: the same page with no pane and no session. With the 32 panes already mounted the panes'
  // own cost would cancel out, and the previous figure's garbage could make it negative.
  await killAll(env);
  await showPanes(env, []);
  const before = await memoryAt(env);
  const sessions = await Promise.all(names.map((n) => launch(env, n)));
  await showPanes(env, names);
  for (const s of sessions) await waitMounted(env, s.id);
  await sleep(1000);
  const after = await memoryAt(env);
  const host = (after.host - before.host) / names.length;
  const browser = (after.browser - before.browser) / names.length;
  const heap = (after.heap - before.heap) / names.length;
  results.figure6 = { panes: names.length, before, after, hostPerPane: host, browserPerPane: browser, heapPerPane: heap };
  row('6 memory per idle pane (32 open)', 'host RSS; browser PSS (JS heap), after GC, vs 0 panes', `${mb(host)}; ${mb(browser)} (${mb(heap)})`, '-', '', 'reported', undefined);
  await killAll(env);
}

/**
 * The host's fds once they stop changing: a socket or pipe of a session that just ended closes a moment
 * later, so one snapshot can count it (a leak of 1 that was not one). Snapshots 500 ms apart until two agree.
 */
async function settledFds(pid: number): Promise<Map<string, string>> {
  let previous = fdTable(pid);
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    const next = fdTable(pid);
    const same = next.size === previous.size && [...next].every(([fd, target]) => previous.get(fd) === target);
    if (same) return next;
    previous = next;
  }
  return previous;
}

async function figure7(env: Env): Promise<void> {
  // The browser stays out of it: this is about what the host keeps after a session is gone.
  await env.page.goto('about:blank');
  const names = Array.from({ length: 20 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
  await killAll(env);
  await sleep(2000);
  const fdsBefore = await settledFds(env.host.pid);
  const before = { fds: fdsBefore.size, procs: descendants(env.host.pid).length, rss: rssBytes(env.host.pid) };
  const start = performance.now();
  const cpuAtStart = cpuMs(env.host.pid);
  let done = 0;
  while (done < cycles) {
    const batch = names.slice(0, Math.min(names.length, cycles - done));
    await Promise.all(
      batch.map(async (name) => {
        const session = await launch(env, name);
        const ended = env.rpc.whenEnded(session.id);
        await env.rpc.call('sessions.kill', { id: session.id });
        await ended;
      }),
    );
    done += batch.length;
  }
  const ms = performance.now() - start;
  await sleep(2500);
  // Counted after the settle, so the grace sweeps of the last batch are in it: CPU per cycle moves far less with the load than time per cycle.
  const hostCpuMs = cpuMs(env.host.pid) - cpuAtStart;
  const fdsAfter = await settledFds(env.host.pid);
  const after = { fds: fdsAfter.size, procs: descendants(env.host.pid).length, rss: rssBytes(env.host.pid) };
  // What each extra fd is, so a leak names itself (a pty, a log file, a socket) instead of being a count.
  const newFds = [...fdsAfter].filter(([fd, target]) => fdsBefore.get(fd) !== target).map(([fd, target]) => `${fd} -> ${target}`);
  const ptmx = (t: Map<string, string>) => [...t.values()].filter((v) => v === '/dev/ptmx').length;
  const leaked = { ptys: ptmx(fdsAfter) - ptmx(fdsBefore), fds: after.fds - before.fds, procs: after.procs - before.procs };
  results.figure7 = { cycles, ms, hostCpuMs, before, after, leaked, newFds };
  const zero = leaked.ptys <= 0 && leaked.fds <= 0 && leaked.procs <= 0;
  const named = leaked.fds > 0 ? ` (${newFds.join(', ')})` : '';
  row('7 launch/kill cycles', `${cycles} cycles: leaked PTYs / fds / processes`, `${leaked.ptys} / ${leaked.fds}${named} / ${leaked.procs}`, `${fmt(ms / cycles, 1)} ms per cycle (host CPU ${fmt(hostCpuMs / cycles, 1)} ms); host RSS ${mb(before.rss)} -> ${mb(after.rss)}`, '', '0 / 0 / 0', zero);
}

// ---- real Claude Code (figures 8 and 9) ------------------------------------------------------------

/** The real agents of figures 8 and 9, by name. */
const CLAUDE_AGENTS = Array.from({ length: 32 }, (_, i) => `Claude ${String(i + 1).padStart(2, '0')}`);
/** More would only measure how two cores share out among agents, not what Tessera adds. */
const STREAMING_AGENTS = 8;
/** Each streaming agent's answer: about this many words, at a model's pace, so the TUI redraws as it streams (about 30 s). */
const ANSWER_WORDS = 6000;
const ANSWER_PACE = { tokensPerChunk: 10, delayMs: 50 };
/** How long each phase of figure 8 (idle, streaming) is measured. */
const PHASE_MS = 10_000;
/** Memory left to the rest of the machine (other people's work) while figure 9 starts agents. */
const MEMORY_RESERVE = 6 * 1024 * MB;
/** What an idle agent is taken to hold before one has been measured. */
const FIRST_AGENT_GUESS = 500 * MB;
const GB = 1024 * MB;

async function until(test: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await test())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Until every session's screen on the host shows Claude Code at its prompt. */
async function whenClaudeReady(env: Env, sessions: readonly SessionDto[]): Promise<void> {
  let waiting = [...sessions];
  await until(
    async () => {
      const still: SessionDto[] = [];
      for (const s of waiting) if (!CLAUDE_READY.test((await env.rpc.call<{ text: string }>('sessions.snapshot', { id: s.id })).text)) still.push(s);
      waiting = still;
      return waiting.length === 0;
    },
    180_000,
    'Claude Code at its prompt',
  );
}

/**
 * Starts recording the page's frame intervals (one requestAnimationFrame to the next); the function
 * returned stops it and gives them, in ms. The script is a string: tsx would wrap a function's inner
 * functions in a helper the page does not have.
 */
async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(`(() => {
    const recorder = { intervals: [], on: true };
    window.__benchFrames = recorder;
    let last;
    const frame = (t) => {
      if (last !== undefined) recorder.intervals.push(t - last);
      last = t;
      if (recorder.on) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  return () => page.evaluate<number[]>(`(() => {
    window.__benchFrames.on = false;
    return window.__benchFrames.intervals;
  })()`);
}

interface Phase {
  readonly frames: number[];
  readonly echoes: number[];
  /** Where the CPU went with the bench's own probes off: Tessera at work as a user has it. */
  readonly cpu: CpuSplit;
  /** The same while the probes run: the frame recorder makes the page draw every frame, the echoes are the bench's calls into the page. */
  readonly probedCpu: CpuSplit;
  readonly wallS: number;
}

/**
 * One phase of figure 8: for PHASE_MS where the CPU went (the shell's tree apart, Tessera's helpers
 * apart from the agents) with nothing of the bench's running in the page, then for PHASE_MS more the
 * page's frame intervals and a keystroke echo in the shell pane every 150 ms (and the CPU again).
 */
async function measurePhase(env: Env, shell: SessionDto): Promise<Phase> {
  const started = performance.now();
  const sessionParts = new Map(shell.pid !== undefined ? [[shell.pid, 'shell pane']] : []);
  const meter = () => startCpuMeter(env.host.pid, { descendantParts: (table: ProcessTable) => descendantParts(env.host.pid, table.children, isTesseraHelper, sessionParts) });
  const quiet = meter();
  await sleep(PHASE_MS);
  const cpu = quiet.stop();
  const stopFrames = await recordFrames(env.page);
  const probed = meter();
  const echoes: number[] = [];
  for (const end = performance.now() + PHASE_MS; performance.now() < end; ) {
    echoes.push(await withTimeout(pageCall<number>(env.page, 'echo', shell.id, 'a'), 20_000, 'keystroke echo'));
    await sleep(150);
  }
  const probedCpu = probed.stop();
  return { frames: await stopFrames(), echoes, cpu, probedCpu, wallS: (performance.now() - started) / 1000 };
}

/** Screens compared at rest; one that differs is looked at twice more, half a second apart, in case output was still on its way. */
async function screensAtRest(env: Env, ids: readonly string[]): Promise<string[]> {
  let differ = await screensDiffer(env, ids);
  for (let i = 0; i < 2 && differ.length > 0; i++) differ = await screensDiffer(env, differ);
  return differ;
}

async function figure8(env: Env): Promise<void> {
  const model = env.model!;
  const names = CLAUDE_AGENTS.slice(0, STREAMING_AGENTS);
  await killAll(env);
  await showPanes(env, [...names, 'shell']);
  const sessions = await Promise.all(names.map((n) => launch(env, n)));
  const shell = await launch(env, 'shell');
  for (const s of [...sessions, shell]) await waitMounted(env, s.id, 90_000);
  await whenClaudeReady(env, sessions);
  // The keystrokes are typed in the shell pane, so it has the keyboard, as a person typing there would give it.
  await pageCall(env.page, 'focus', shell.id);
  await sleep(2000);
  const idle = await traced(env, 'figure8-idle', () => measurePhase(env, shell));

  const asked = model.mainRequests().length;
  const answer = longText(ANSWER_WORDS);
  model.script(...names.map(() => ({ kind: 'text' as const, text: answer, pace: ANSWER_PACE })));
  await Promise.all(sessions.map((s) => pageCall<number>(env.page, 'type', s.id, 'Write the long answer.')));
  // Enter a moment after the prompt shows, as a person's would (a CLI may take an Enter that comes with typed keys as a newline).
  await sleep(500);
  for (const s of sessions) await pageCall<number>(env.page, 'type', s.id, '\r');
  await until(() => model.mainRequests().length >= asked + names.length, 60_000, 'every agent asking the model');
  // Every answer streams for about 30 s from here: the phase (two times PHASE_MS) runs while all of them still stream.
  await sleep(1500);
  const statsBefore = await Promise.all(sessions.map((s) => pageCall<BenchStats>(env.page, 'stats', s.id)));
  const streaming = await traced(env, 'figure8-streaming', () => measurePhase(env, shell));
  const statsAfter = await Promise.all(sessions.map((s) => pageCall<BenchStats>(env.page, 'stats', s.id)));
  const endedEarly = (await env.rpc.call<Array<{ id: string; turnsEnded?: number }>>('sessions.list')).filter((l) => sessions.some((s) => s.id === l.id) && (l.turnsEnded ?? 0) >= 1);
  if (endedEarly.length > 0) console.log(`bench: figure 8: ${endedEarly.length} answer(s) ended before the streaming phase did; its figures undercount the load`);
  // What the real TUIs looked like while they streamed, to see that they redrew (not committed).
  await env.page.screenshot({ path: join(repoRoot, 'bench', 'figure8-streaming.png') });

  const turnsEnded = async () => {
    const live = await env.rpc.call<Array<{ id: string; status: string; turnsEnded?: number }>>('sessions.list');
    return sessions.every((s) => live.some((l) => l.id === s.id && l.status === 'idle' && (l.turnsEnded ?? 0) >= 1));
  };
  await until(turnsEnded, 300_000, 'every answer finished');
  await sleep(1500);
  const ids = [...sessions, shell].map((s) => s.id);
  const differ = await screensAtRest(env, ids);

  const percentOf = (split: CpuSplit, s: number) => (100 * s) / Math.max(split.wallS, 1e-9);
  const tessera = tesseraSeconds(streaming.cpu.seconds);
  const agents = streaming.cpu.seconds[AGENTS_PART] ?? 0;
  const frameP95 = { idle: percentile(idle.frames, 95), streaming: percentile(streaming.frames, 95) };
  const echoP95 = { idle: percentile(idle.echoes, 95), streaming: percentile(streaming.echoes, 95) };
  const verdicts = streamingVerdicts({ tesseraCpuSeconds: tessera, agentsCpuSeconds: agents, frameP95Ms: frameP95, echoP95Ms: echoP95, screens: { equal: ids.length - differ.length, total: ids.length } });
  const browser = ['page', 'browser gpu', 'browser other'].reduce((sum, part) => sum + (streaming.cpu.seconds[part] ?? 0), 0);
  const perPaneSecond = (measure: (stats: BenchStats) => number) =>
    statsAfter.reduce((sum, stats, i) => sum + measure(stats) - measure(statsBefore[i]!), 0) / names.length / streaming.wallS;
  const probedTessera = tesseraSeconds(streaming.probedCpu.seconds);
  const probedAgents = streaming.probedCpu.seconds[AGENTS_PART] ?? 0;
  const paneBytesPerSecond = perPaneSecond((stats) => stats.parsedBytes);
  const paneRendersPerSecond = perPaneSecond((stats) => stats.renders);
  const paneRowsPerSecond = perPaneSecond((stats) => stats.renderedRows);
  results.figure8 = { paneBytesPerSecond, paneRendersPerSecond, paneRowsPerSecond, agents: names.length, answerWords: ANSWER_WORDS, pace: ANSWER_PACE, phaseMs: PHASE_MS, idle, streaming, tesseraSeconds: tessera, agentsSeconds: agents, browserShareOfTessera: browser / tessera, frameP95, echoP95, screensDiffer: differ, verdicts };
  row(
    `8 ${names.length} real Claude Code streaming`,
    "CPU, % of one core: Tessera (host, its helpers, browser) vs the agents' own",
    `${fmt(percentOf(streaming.cpu, tessera), 0)}% (browser ${percent(browser / tessera)} of it)`,
    `${fmt(percentOf(streaming.cpu, agents), 0)}% agents`,
    fmt(verdicts.cpu.ratio, 2),
    `<= ${STREAMING_GOALS.cpuRatio}x`,
    verdicts.cpu.met,
  );
  row(
    '',
    "the same while the bench's probes run (frame recorder, echoes)",
    `${fmt(percentOf(streaming.probedCpu, probedTessera), 0)}%`,
    `${fmt(percentOf(streaming.probedCpu, probedAgents), 0)}% agents`,
    fmt(probedTessera / Math.max(probedAgents, 1e-9), 2),
    'reported',
    undefined,
  );
  row('', 'frame interval p50 / p95 ms, streaming vs idle', `${fmt(median(streaming.frames))} / ${fmt(frameP95.streaming)}`, `${fmt(median(idle.frames))} / ${fmt(frameP95.idle)} idle`, fmt(verdicts.frame.ratio, 2), `p95 <= ${STREAMING_GOALS.frameRatio}x idle`, verdicts.frame.met);
  row('', 'keystroke echo in a shell pane, p50 / p95 ms', `${fmt(median(streaming.echoes))} / ${fmt(echoP95.streaming)}`, `${fmt(median(idle.echoes))} / ${fmt(echoP95.idle)} idle`, fmt(verdicts.echo.ratio, 2), `p95 <= ${STREAMING_GOALS.echoRatio}x idle`, verdicts.echo.met);
  row('', "output parsed per pane while streaming (the TUIs' redraws)", `${fmt(paneBytesPerSecond / 1024)} KB/s`, '', '', 'reported', undefined);
  row('', 'repaints and rows drawn per agent pane a second, streaming', `${fmt(paneRendersPerSecond)} repaints, ${fmt(paneRowsPerSecond)} rows`, '', '', 'reported', undefined);
  row('', 'screens at rest = host mirror', `${ids.length - differ.length} of ${ids.length}`, '', '', 'all', verdicts.screens);
  cpuRow('figure8', streaming.cpu, idle.cpu);
  await killAll(env);
}

/** The resident and proportional memory of the host's descendants, the agents' apart from Tessera's helpers. */
function descendantsMemory(hostPid: number): Record<typeof AGENTS_PART | typeof HELPERS_PART, { rss: number; pss: number; processes: number }> {
  const parts = descendantParts(hostPid, processTable().children, isTesseraHelper);
  const of = (wanted: string) => {
    const pids = [...parts].filter(([, part]) => part === wanted).map(([pid]) => pid);
    return { rss: pids.reduce((sum, pid) => sum + rssBytes(pid), 0), pss: pids.reduce((sum, pid) => sum + pssBytes(pid), 0), processes: pids.length };
  };
  return { [AGENTS_PART]: of(AGENTS_PART), [HELPERS_PART]: of(HELPERS_PART) };
}

async function figure9(env: Env): Promise<void> {
  await killAll(env);
  await showPanes(env, []);
  const before = await memoryAt(env);
  const wanted = CLAUDE_AGENTS.length;
  const started: SessionDto[] = [];
  let backedOff: string | undefined;
  // A few at a time, each batch at its prompt before the next: 32 Claude Codes starting at once on two
  // cores would measure start-up, and the free memory is checked before each batch.
  while (started.length < wanted) {
    const perAgent = started.length > 0 ? Object.values(descendantsMemory(env.host.pid)).reduce((sum, part) => sum + part.rss, 0) / started.length : FIRST_AGENT_GUESS;
    const available = availableMemory();
    const batch = Math.min(4, wanted - started.length, agentsThatFit(available, perAgent, MEMORY_RESERVE));
    if (batch === 0) {
      backedOff = `${started.length} of ${wanted} agents: ${fmt(available / GB)} GiB available, about ${mb(perAgent)} an agent, ${fmt(MEMORY_RESERVE / GB, 0)} GiB kept for the rest of the machine`;
      console.log(`bench: figure 9 stops at ${backedOff}`);
      break;
    }
    const launched = await Promise.all(CLAUDE_AGENTS.slice(started.length, started.length + batch).map((n) => launch(env, n)));
    await whenClaudeReady(env, launched);
    started.push(...launched);
  }
  if (started.length === 0) throw new Error(`no memory for even one agent (${backedOff})`);
  await showPanes(env, CLAUDE_AGENTS.slice(0, started.length));
  for (const s of started) await waitMounted(env, s.id, 90_000);
  // Each Claude redraws at its pane's size (too small to show its prompt's hints): let that settle.
  await sleep(3000);
  const after = await memoryAt(env);
  const { [AGENTS_PART]: agents, [HELPERS_PART]: helpers } = descendantsMemory(env.host.pid);
  const n = started.length;
  const host = (after.host - before.host) / n;
  const browser = (after.browser - before.browser) / n;
  const heap = (after.heap - before.heap) / n;
  const tessera = host + helpers.rss / n + browser;
  results.figure9 = {
    agents: n,
    wanted,
    backedOff,
    before,
    after,
    hostPerAgent: host,
    helpersRssPerAgent: helpers.rss / n,
    helpersPssPerAgent: helpers.pss / n,
    helperProcesses: helpers.processes,
    browserPerAgent: browser,
    heapPerAgent: heap,
    agentsRssPerAgent: agents.rss / n,
    agentsPssPerAgent: agents.pss / n,
    agentProcesses: agents.processes,
  };
  row(
    `9 memory, ${n} real idle Claude Code`,
    "per agent: Tessera's host RSS; helpers' RSS (tessera mcp); browser PSS (JS heap), after GC, vs 0 agents",
    `${mb(host)}; ${mb(helpers.rss / n)}; ${mb(browser)} (${mb(heap)})`,
    `agents' own RSS ${mb(agents.rss / n)} (PSS ${mb(agents.pss / n)})`,
    fmt(tessera / (agents.rss / n), 2),
    'reported',
    undefined,
  );
  if (backedOff) row('', 'backed off for memory', backedOff, '', '', '', undefined);
  await killAll(env);
}

// ---- main ----------------------------------------------------------------------------------------

function printTable(): string {
  const header: Row = { figure: 'figure', measure: 'measure', tessera: 'Tessera', reference: 'reference', ratio: 'ratio', goal: 'goal', met: 'met' as Row['met'] };
  const all = [header, ...rows];
  const keys = ['figure', 'measure', 'tessera', 'reference', 'ratio', 'goal', 'met'] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => String(r[k]).length)));
  const line = (r: Row) => `| ${keys.map((k, i) => String(r[k]).padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The figures, in their numbers' order. */
const FIGURES = [figure1, figure2, figure3, figure4, figure5, figure6, figure7, figure8, figure9];

async function main(): Promise<number> {
  const began = performance.now();
  const realRuns = wantsRealAgents && realSkipReason === undefined;
  const runs = (figure: number) => (!only || only.has(figure)) && (realRuns || !REAL_FIGURES.includes(figure));
  if (FIGURES.some((_, i) => runs(i + 1))) await measure(realRuns);
  if (wantsRealAgents && realSkipReason !== undefined) {
    row(`${REAL_FIGURES.join(', ')} (not run)`, `real Claude Code: ${realSkipReason}`, '', '', '', '', undefined);
    results.realAgentsNotRun = realSkipReason;
  }
  const table = printTable();
  results.table = table;
  results.failures = failures;
  results.seconds = (performance.now() - began) / 1000;
  results.loadAtEnd = loadAverage();
  writeFileSync(join(repoRoot, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table}\n`);
  const machine = results.machine as { cpus: string; loadAtStart?: string };
  console.log(`bench: ${fmt((performance.now() - began) / 1000)} s on ${machine.cpus} cores, load average ${machine.loadAtStart ?? 'unknown'} at the start and ${results.loadAtEnd ?? 'unknown'} at the end; results in bench/results.json`);
  if (failures.length > 0) {
    console.error(`bench: could not run:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}

/** Builds the renderer, starts the host and the browser, and runs the figures asked for (a failure is recorded in `failures`). */
async function measure(realRuns: boolean): Promise<void> {
  if (!args.includes('--no-build')) {
    console.log('bench: building the renderer (vite) and the prebuilt tessera mcp...');
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
    // What `npm run build` gives agents: without it, a stale bundle would leave the host running `tessera mcp` from the sources.
    execFileSync('npm', ['run', '--silent', 'build:mcp'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const world = makeWorld(
    [
      { id: 'cat-one', command: 'cat', args: [`@file:${ONE_PANE_MB}`] },
      { id: 'cat-many', command: 'cat', args: [`@file:${MANY_PANE_MB}`] },
      { id: 'loop', command: 'sh', args: ['-c', 'while :; do cat "$0"; done', `@file:${LOOP_FILE_MB}`] },
      { id: 'yes', command: 'yes', args: [] },
      { id: 'fake', command: fakeAgentPath, args: [] },
      // An idle pane: cat waiting on its terminal, as quiet as an agent at its prompt.
      { id: 'idle', command: 'cat', args: [] },
      { id: 'sh', command: 'sh', args: [] },
    ],
    [ONE_PANE_MB, MANY_PANE_MB, LOOP_FILE_MB],
  );
  let host: BenchHost | undefined;
  let browser: Browser | undefined;
  let rpc: RpcClient | undefined;
  let bare: BareXterm | undefined;
  let model: ModelServer | undefined;
  try {
    bare = await startBareXterm();
    host = await startHost(world);
    rpc = await RpcClient.open(host);
    const specs = [
      { name: 'one', profile: 'cat-one' },
      ...Array.from({ length: 16 }, (_, i) => ({ name: `f${String(i + 1).padStart(2, '0')}`, profile: 'cat-many' })),
      { name: 'quiet', profile: 'idle' },
      ...Array.from({ length: 16 }, (_, i) => ({ name: `l${String(i + 1).padStart(2, '0')}`, profile: 'loop' })),
      { name: 'yes', profile: 'yes' },
      { name: 'fake', profile: 'fake' },
      ...Array.from({ length: 32 }, (_, i) => ({ name: `i${String(i + 1).padStart(2, '0')}`, profile: 'idle' })),
      ...Array.from({ length: 20 }, (_, i) => ({ name: `c${String(i + 1).padStart(2, '0')}`, profile: 'idle' })),
    ];
    const slugs = await createAgents(rpc, [...specs, ...(realRuns ? [{ name: 'shell', profile: 'sh' }] : [])]);
    if (realRuns) {
      model = await ModelServer.start({ title: 'Long answer' });
      for (const [name, slug] of writeClaudeAgents(world.projectDir, join(world.root, 'homes'), model.url, CLAUDE_AGENTS)) slugs.set(name, slug);
      // The host picks up agents written while it runs, as it does a user's editor.
      const rpcAgents = rpc;
      await until(async () => (await rpcAgents.call<Array<{ slug: string }>>('agents.list')).filter((a) => a.slug.startsWith('claude-')).length === CLAUDE_AGENTS.length, 60_000, 'the Claude Code agents listed');
      await rpc.call('project.trust');
    }
    browser = await chromium.launch({
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const env: Env = { world, host, rpc, browser, bare, page, slugs, consoleDiscards: 0, ...(model ? { model } : {}) };
    const watchConsole = (text: string) => {
      env.consoleDiscards += (text.match(/write data discarded/g) ?? []).length;
    };
    page.on('console', (m) => watchConsole(m.text()));
    page.on('pageerror', (e) => watchConsole(String(e)));
    for (const [i, figure] of FIGURES.entries()) {
      if (only && !only.has(i + 1)) continue;
      if (REAL_FIGURES.includes(i + 1) && !realRuns) continue;
      const t = performance.now();
      console.log(`bench: figure ${i + 1}...`);
      try {
        await figure(env);
      } catch (error) {
        failures.push(`figure ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 80);
        row(`${i + 1} (could not run)`, message, '', '', '', '', false);
        await killAll(env).catch(() => undefined);
      }
      console.log(`bench: figure ${i + 1} took ${fmt((performance.now() - t) / 1000)} s`);
    }
  } catch (error) {
    failures.push(`setup: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  } finally {
    await model?.close();
    rpc?.close();
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await bare?.close();
    world.cleanup();
  }
}

process.exitCode = await main();
// node-pty's kill timers and sockets must not keep a finished bench alive.
setTimeout(() => process.exit(process.exitCode), 3000).unref();
