import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

import { readyUrl, stopChild } from '../e2e/support/host';
import { CpuLedger } from './agent-cost';

export { fakeAgentPath } from '../e2e/support/host';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A temp project and config dir whose profiles run the bench's workloads (a profile's command is data). */
export interface BenchWorld {
  readonly root: string;
  readonly projectDir: string;
  readonly configDir: string;
  /** Big files of numbered text lines, by size in MB. */
  readonly files: Map<number, string>;
  cleanup(): void;
}

export interface ProfileSpec {
  readonly id: string;
  readonly command: string;
  readonly args: readonly string[];
}

export function makeWorld(profiles: readonly ProfileSpec[], fileSizesMb: readonly number[]): BenchWorld {
  const root = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const projectDir = join(root, 'project');
  const configDir = join(root, 'config');
  mkdirSync(join(projectDir, '.tessera'), { recursive: true });
  writeFileSync(join(projectDir, 'README.md'), '# bench project\n');
  mkdirSync(join(configDir, 'tessera', 'profiles'), { recursive: true });
  const files = new Map<number, string>();
  for (const mb of fileSizesMb) {
    const file = join(root, `flood-${mb}mb.txt`);
    writeFileSync(file, textOfSize(mb * 1024 * 1024));
    files.set(mb, file);
  }
  for (const profile of profiles) {
    const args = profile.args.map((a) => (a.startsWith('@file:') ? (files.get(Number(a.slice(6))) ?? a) : a));
    writeFileSync(
      join(configDir, 'tessera', 'profiles', `${profile.id}.json`),
      JSON.stringify({
        id: profile.id,
        name: profile.id,
        command: profile.command,
        args,
        env: {},
        // Env injection leaves the workload's argv alone (cat must not get a context file to print).
        inject: { kind: 'env', var: 'TESSERA_BENCH_CONTEXT', value: '{contextPath}' },
        status: { needsInput: [], busy: [] },
      }),
    );
  }
  return { root, projectDir, configDir, files, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Lines like an agent's log: numbered, mixed words, a colour now and then; pure ASCII so chars are bytes. */
export function textOfSize(bytes: number): string {
  const words = ['build', 'test', 'ok', 'src/app.ts', 'compile', 'warning', 'pass', 'step', 'agent', 'diff', 'token', 'write'];
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    let line = `${String(n).padStart(8, '0')} `;
    for (let w = 0; w < 9; w++) line += `${words[(n * 7 + w * 3) % words.length]} `;
    if (n % 16 === 0) line = `\x1b[32m${line}\x1b[0m`;
    line += '\n';
    parts.push(line);
    size += line.length;
    n++;
  }
  return parts.join('').slice(0, bytes);
}

/** A running `tessera web`, started as e2e/support/host.ts does (bin/tessera, its own config dir). */
export interface BenchHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly pid: number;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startHost(world: BenchWorld): Promise<BenchHost> {
  // BENCH_HOST_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the host under node with those flags.
  const nodeArgs = process.env.BENCH_HOST_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const cli = join(repoRoot, 'bin', 'tessera');
  const runtimeDir = join(world.root, 'run');
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, TESSERA_CONFIG_DIR: world.configDir, XDG_RUNTIME_DIR: runtimeDir, SHELL: '/bin/sh' };
  // The session server in the foreground, as this process's child: its pid is the host's, its stderr the host's log.
  const child = spawn(nodeArgs.length > 0 ? process.execPath : cli, [...(nodeArgs.length > 0 ? [...nodeArgs, cli] : []), 'server', 'run', '--foreground'], {
    cwd: world.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errText += chunk.toString();
    if (errText.length > 4_000_000) errText = errText.slice(-2_000_000);
  });
  // `tessera web` then finds that server, rather than starting one of its own, and has it serve browsers.
  const socket = join(runtimeDir, 'tessera', 'server.sock');
  for (const deadline = Date.now() + 60_000; !existsSync(socket); ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the session server did not start: ${errText}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  const web = spawn(cli, ['web', world.projectDir], { cwd: world.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let webErr = '';
  web.stderr?.on('data', (chunk: Buffer) => (webErr += chunk.toString()));
  const url = await readyUrl(web, () => `${webErr}\n${errText}`);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    pid: child.pid ?? -1,
    stderr: () => errText,
    stop: () => stopChild(child),
  };
}

/** One persistent JSON-RPC connection to the host, with its event notifications. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(method: string, params: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown; method?: string; params?: unknown };
      if (msg.id !== undefined) {
        const waiter = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) waiter?.reject(new Error(JSON.stringify(msg.error)));
        else waiter?.resolve(msg.result);
      } else if (msg.method) {
        for (const listener of this.listeners) listener(msg.method, msg.params);
      }
    });
  }

  static open(host: BenchHost): Promise<RpcClient> {
    const u = new URL(host.url);
    const ws = new WebSocket(`ws://${u.host}/rpc?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
    return new Promise((resolvePromise, reject) => {
      ws.once('open', () => resolvePromise(new RpcClient(ws)));
      ws.once('error', reject);
    });
  }

  async call<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const response = (await new Promise<unknown>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    })) as { ok: boolean; value?: T; error?: { kind: string; message: string } };
    if (!response.ok) throw new Error(`${method} failed: ${response.error?.kind}: ${response.error?.message}`);
    return response.value as T;
  }

  onEvent(listener: (method: string, params: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the session is reported ended (sessions.changed with exited/failed). */
  whenEnded(sessionId: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`session ${sessionId} did not end in time`));
      }, timeoutMs);
      const off = this.onEvent((method, params) => {
        const session = params as { id?: string; status?: string };
        if (method === 'sessions.changed' && session.id === sessionId && (session.status === 'exited' || session.status === 'failed')) {
          clearTimeout(timer);
          off();
          resolvePromise();
        }
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export interface SessionDto {
  readonly id: string;
  readonly agent: string;
  readonly status: string;
  readonly pid?: number;
  /** The terminal size the session runs at (its pane's, once the pane has fitted). */
  readonly cols: number;
  readonly rows: number;
}

// ---- /proc --------------------------------------------------------------------------------------

export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size: shared pages split among their users, so summing a process tree is fair. */
export function pssBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
    return kb ? Number(kb) * 1024 : rssBytes(pid);
  } catch {
    return rssBytes(pid);
  }
}

/** Every open fd of pid with what it points at (readlink), e.g. `3 -> /dev/ptmx`, `21 -> socket:[123]`. */
export function fdTable(pid: number): Map<string, string> {
  const table = new Map<string, string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        table.set(fd, readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        // closed while we looked
      }
    }
  } catch {
    // process gone
  }
  return table;
}

/** Live processes by parent, with their names, start times and CPU time (utime + stime, in clock ticks), read from /proc once. */
export interface ProcessTable {
  readonly children: ReadonlyMap<number, readonly number[]>;
  readonly comms: ReadonlyMap<number, string>;
  readonly ticks: ReadonlyMap<number, number>;
  /** When the kernel started each process (its clock ticks since boot): with the pid, one process across tables. */
  readonly starts: ReadonlyMap<number, number>;
}

export function processTable(): ProcessTable {
  const children = new Map<number, number[]>();
  const comms = new Map<number, string>();
  const ticks = new Map<number, number>();
  const starts = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const ppid = Number(fields[1]);
      comms.set(Number(entry), comm);
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
      starts.set(Number(entry), Number(fields[19]));
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  return { children, comms, ticks, starts };
}

/** Every live descendant of pid (not pid itself), from /proc's parent links. */
export function descendants(pid: number, table: ProcessTable = processTable()): Array<{ pid: number; comm: string }> {
  const out: Array<{ pid: number; comm: string }> = [];
  const stack = [...(table.children.get(pid) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push({ pid: next, comm: table.comms.get(next) ?? '' });
    stack.push(...(table.children.get(next) ?? []));
  }
  return out;
}

// ---- numbers ------------------------------------------------------------------------------------

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/** A balanced tree of panes (alternating row/column), so N panes tile the screen in a grid. */
export type LayoutNode =
  | { type: 'pane'; id: string; content: { kind: 'terminal'; agent: string } | { kind: 'empty' } }
  | { type: 'split'; id: string; direction: 'row' | 'column'; ratio: number; first: LayoutNode; second: LayoutNode };

export function gridLayout(agents: readonly string[]): LayoutNode | null {
  let splitCount = 0;
  const build = (slice: readonly string[], depth: number): LayoutNode => {
    if (slice.length === 1) return { type: 'pane', id: `pane-${slice[0]}`, content: { kind: 'terminal', agent: slice[0]! } };
    const half = Math.ceil(slice.length / 2);
    return {
      type: 'split',
      id: `split-${splitCount++}`,
      direction: depth % 2 === 0 ? 'row' : 'column',
      ratio: half / slice.length,
      first: build(slice.slice(0, half), depth + 1),
      second: build(slice.slice(half), depth + 1),
    };
  };
  return agents.length === 0 ? null : build(agents, 0);
}

// ---- CPU split ----------------------------------------------------------------------------------

export interface CpuSplit {
  /** Seconds of wall time measured. */
  readonly wallS: number;
  /** CPU seconds per part over that time (100% of one core = wallS). */
  readonly seconds: Record<string, number>;
  /**
   * Seconds per part its threads were ready to run but waited for a core, summed over threads: on a
   * shared machine, the time other work took from it. Not counted for a process gone by the end.
   */
  readonly queuedSeconds: Record<string, number>;
}

const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used so far, all its threads (user and system), or NaN once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Nanoseconds the threads of pid have spent runnable, waiting for a core (schedstat), or undefined once it is gone. */
function queuedNs(pid: number): number | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let sum = 0;
  for (const tid of tids) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1] ?? 0);
    } catch {
      // the thread ended while we looked
    }
  }
  return sum;
}

function chromiumPart(pid: number): string {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    return type === 'renderer' ? 'page' : type === 'gpu-process' ? 'browser gpu' : 'browser other';
  } catch {
    return 'browser other';
  }
}

export interface CpuMeterOptions {
  readonly everyMs?: number;
  /**
   * What each of the host's descendants counts as (agent-cost.ts's descendantParts); without it they
   * are all `agents`.
   */
  readonly descendantParts?: (table: ProcessTable) => ReadonlyMap<number, string>;
}

/**
 * Where the CPU goes while a figure runs: the bench itself, the host process, the agents it started,
 * the page's renderer process, Chromium's GPU process and the rest of Chromium. Sampled from /proc every
 * `everyMs` (200); a process that lives shorter than that is missed (agents here live for seconds). The
 * time each part waited for a core is read when a process is first seen and at the end.
 */
export function startCpuMeter(hostPid: number, options: CpuMeterOptions = {}): { stop(): CpuSplit } {
  const ledger = new CpuLedger();
  const firstQueued = new Map<number, number>();
  const partOf = new Map<number, string>();
  const sample = () => {
    const table = processTable();
    const agents = options.descendantParts?.(table) ?? new Map(descendants(hostPid, table).map((child) => [child.pid, 'agents']));
    // Everything else this process started is Chromium (the bench starts only the host and the browser).
    const members: Array<{ pid: number; part: string }> = [{ pid: process.pid, part: 'bench' }, { pid: hostPid, part: 'host' }, ...[...agents].map(([pid, part]) => ({ pid, part }))];
    for (const child of descendants(process.pid, table)) {
      if (child.pid === hostPid || agents.has(child.pid)) continue;
      members.push({ pid: child.pid, part: partOf.get(child.pid) ?? chromiumPart(child.pid) });
    }
    const readings = [];
    for (const { pid, part } of members) {
      const ticks = table.ticks.get(pid);
      if (ticks === undefined) continue;
      // A process first seen now started within the last interval (or before the meter: then its past is not ours).
      if (!firstQueued.has(pid)) firstQueued.set(pid, started ? 0 : (queuedNs(pid) ?? 0));
      partOf.set(pid, part);
      readings.push({ pid, start: table.starts.get(pid) ?? 0, ticks, part });
    }
    ledger.add(readings);
  };
  let started = false;
  sample();
  started = true;
  const began = performance.now();
  const timer = setInterval(sample, options.everyMs ?? 200);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = Object.fromEntries(Object.entries(ledger.ticksByPart()).map(([part, ticks]) => [part, ticks / TICKS_PER_SECOND]));
      const queuedSeconds: Record<string, number> = {};
      for (const [pid, part] of partOf) {
        const queued = queuedNs(pid);
        // A thread that ended took its count with it: never below zero.
        if (queued !== undefined) queuedSeconds[part] = (queuedSeconds[part] ?? 0) + Math.max(0, queued - (firstQueued.get(pid) ?? queued)) / 1e9;
      }
      return { wallS: (performance.now() - began) / 1000, seconds, queuedSeconds };
    },
  };
}

/** "host 38% (queued 12%), page 95%, ..." (percent of one core), largest first; queued when at least 1%. */
export function describeCpu(split: CpuSplit): string {
  const percent = (s: number) => Math.round((100 * s) / Math.max(split.wallS, 1e-9));
  return Object.entries(split.seconds)
    .sort((a, b) => b[1] - a[1])
    .map(([part, s]) => {
      const queued = percent(split.queuedSeconds[part] ?? 0);
      return `${part} ${percent(s)}%${queued >= 1 ? ` (queued ${queued}%)` : ''}`;
    })
    .join(', ');
}
