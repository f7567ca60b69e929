import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessMeter } from '../../domain/ports/process-meter.port';
import { sessionTrees, type MeteredSession, type ProcessReading, type ProcessRow } from '../../domain/process-usage';
import { SESSION_MARK_VARIABLE } from '../shared/session-mark';

/** Linux reports CPU times in USER_HZ, which its user-space interface fixes at 100 a second. */
const TICKS_PER_SECOND = 100;

/** Files read at once: enough to hide each read's latency, few enough to leave the thread pool to terminals and files. */
export const PROC_READ_CONCURRENCY = 16;

export interface ProcProcessMeterOptions {
  /** Where the process table is mounted; tests point it at a folder of pretend processes. */
  readonly procRoot?: string;
  /**
   * The arguments each of Tessera's own helper programs starts with, after its executable (its script,
   * or its script and subcommand, or the app binary's flag): a process whose command line starts so is
   * Tessera's, not the agent's. Matched from the first argument on, never anywhere in the line: the
   * host itself runs the same `tessera` script with another subcommand, and it is every agent's parent.
   */
  readonly helperPrograms?: ReadonlyArray<readonly string[]>;
  /** How many of the table's files are read at once. */
  readonly concurrency?: number;
}

/** What a process is for this meter once it has been looked at: its mark and whether it is a helper. */
interface Identity {
  readonly mark: string | undefined;
  readonly helper: boolean;
}

interface Stat {
  readonly pid: number;
  /** The program name, which changes at exec: with the pid and start, the key the identity is kept under. */
  readonly name: string;
  readonly parentPid: number;
  readonly start: number;
  readonly cpuMs: number;
  readonly reapedCpuMs: number;
}

/**
 * The process meter over Linux's /proc. Each read lists the table's `stat` files (parent, start, CPU
 * times); a process's environment (its mark) and command line (a helper?) are read once per program it
 * runs, and its resident memory (`status` VmRSS) only for processes in some tree. What cannot be read
 * (ended meanwhile, another user's) is skipped. Where there is no /proc, every read answers nothing.
 *
 * Every file is read asynchronously, a bounded number at once, so a host with thousands of processes
 * keeps moving terminal bytes while it reads; a read asked for while another runs starts once that one ends.
 */
export class ProcProcessMeter implements ProcessMeter {
  private readonly procRoot: string;
  private readonly helpers: ReadonlyArray<readonly string[]>;
  private readonly concurrency: number;
  private identities = new Map<string, Identity>();
  private inFlight: Promise<ReadonlyMap<string, readonly ProcessReading[]>> | undefined;

  constructor(options: ProcProcessMeterOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.helpers = (options.helperPrograms ?? []).filter((program) => program.length > 0);
    this.concurrency = Math.max(1, options.concurrency ?? PROC_READ_CONCURRENCY);
  }

  read(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, readonly ProcessReading[]>> {
    if (sessions.length === 0) return Promise.resolve(new Map());
    if (this.inFlight) return this.inFlight.then(() => this.read(sessions));
    const reading = this.readTable(sessions).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = reading;
    return reading;
  }

  private async readTable(sessions: readonly MeteredSession[]): Promise<ReadonlyMap<string, readonly ProcessReading[]>> {
    let entries: string[];
    try {
      entries = (await readdir(this.procRoot)).filter((entry) => /^\d+$/.test(entry));
    } catch {
      return new Map();
    }
    const stats = new Map<number, Stat>();
    const rows: ProcessRow[] = [];
    const seen = new Map<string, Identity>();
    await eachBounded(entries, this.concurrency, async (entry) => {
      const stat = await this.stat(entry);
      if (!stat) return;
      const key = `${stat.pid}:${stat.start}:${stat.name}`;
      const identity = this.identities.get(key) ?? (await this.identify(entry));
      seen.set(key, identity);
      stats.set(stat.pid, stat);
      rows.push({ pid: stat.pid, parentPid: stat.parentPid, helper: identity.helper, ...(identity.mark !== undefined ? { mark: identity.mark } : {}) });
    });
    // Only what is still running is remembered, so the cache never outgrows the table.
    this.identities = seen;
    const trees = [...sessionTrees(rows, sessions)];
    const resident = new Map<number, number>();
    await eachBounded(
      trees.flatMap(([, pids]) => pids),
      this.concurrency,
      async (pid) => void resident.set(pid, await this.residentBytes(pid)),
    );
    const out = new Map<string, ProcessReading[]>();
    for (const [session, pids] of trees) {
      out.set(
        session,
        pids.map((pid) => {
          const stat = stats.get(pid)!;
          return { pid, parentPid: stat.parentPid, start: stat.start, cpuMs: stat.cpuMs, reapedCpuMs: stat.reapedCpuMs, rssBytes: resident.get(pid) ?? 0 };
        }),
      );
    }
    return out;
  }

  private async stat(entry: string): Promise<Stat | undefined> {
    const text = await this.file(entry, 'stat', 'latin1');
    if (text === undefined) return undefined;
    // The program name may hold spaces and parentheses: the fields start after its last ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    const tick = (index: number) => (Number(fields[index]) * 1000) / TICKS_PER_SECOND;
    const parentPid = Number(fields[1]);
    const start = Number(fields[19]);
    // A zombie has ended: it runs nothing and holds no memory; its time reaches its parent when reaped.
    if (close < 0 || fields[0] === 'Z' || !Number.isFinite(parentPid) || !Number.isFinite(start)) return undefined;
    return { pid: Number(entry), name: text.slice(text.indexOf('(') + 1, close), parentPid, start, cpuMs: tick(11) + tick(12), reapedCpuMs: tick(13) + tick(14) };
  }

  private async identify(entry: string): Promise<Identity> {
    const environ = (await this.file(entry, 'environ', 'latin1'))?.split('\0') ?? [];
    const prefix = `${SESSION_MARK_VARIABLE}=`;
    const mark = environ.find((variable) => variable.startsWith(prefix))?.slice(prefix.length);
    const argv = (await this.file(entry, 'cmdline', 'utf8'))?.split('\0') ?? [];
    return { mark, helper: this.helpers.some((program) => program.every((arg, i) => argv[i + 1] === arg)) };
  }

  private async residentBytes(pid: number): Promise<number> {
    const match = /^VmRSS:\s*(\d+)\s*kB/m.exec((await this.file(String(pid), 'status', 'latin1')) ?? '');
    // A zombie and a kernel thread have no VmRSS line: they hold no memory of their own.
    return match ? Number(match[1]) * 1024 : 0;
  }

  private async file(entry: string, name: string, encoding: BufferEncoding): Promise<string | undefined> {
    try {
      return await readFile(join(this.procRoot, entry, name), encoding);
    } catch {
      return undefined;
    }
  }
}

/** Runs `work` on every item, at most `limit` at once; resolves when all are done. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
