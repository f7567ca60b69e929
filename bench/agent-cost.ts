/**
 * The arithmetic of the bench's real-agent figures, kept apart from /proc and the browser so it can be
 * tested on made-up readings: CPU time per part from readings of the process table, which of the host's
 * descendants are the agents' and which are Tessera's, the figures' goals, and how many more agents
 * the machine's free memory holds.
 */

/** One process at one reading of the table. */
export interface CpuReading {
  readonly pid: number;
  /** When the kernel started it: with the pid, it names one process across readings (pids are reused). */
  readonly start: number;
  /** CPU time it used itself so far, user and system, in clock ticks. */
  readonly ticks: number;
  /** What it counts as: `host`, `agents`, `page`, ... */
  readonly part: string;
}

/**
 * CPU time per part over a window, from readings of the process table taken during it. A process seen
 * at the first reading counts what it used after it; one first seen later started within the window
 * and counts all it used. A process counts for the part of its last reading (a forked child runs its
 * parent's program until it execs its own). What a process used between the last reading and its end
 * is not seen: the interval bounds what is missed.
 */
export class CpuLedger {
  private readonly first = new Map<string, number>();
  private readonly last = new Map<string, { readonly ticks: number; readonly part: string }>();
  private opened = false;

  add(readings: readonly CpuReading[]): void {
    for (const reading of readings) {
      const key = `${reading.pid}:${reading.start}`;
      if (!this.first.has(key)) this.first.set(key, this.opened ? 0 : reading.ticks);
      this.last.set(key, { ticks: reading.ticks, part: reading.part });
    }
    this.opened = true;
  }

  ticksByPart(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, { ticks, part }] of this.last) out[part] = (out[part] ?? 0) + Math.max(0, ticks - (this.first.get(key) ?? ticks));
    return out;
  }
}

/** The part every process under the host counts as when nothing else is said of it. */
export const AGENTS_PART = 'agents';
/** Tessera's own programs that an agent's CLI starts (its hook and status-line commands) and what they start. */
export const HELPERS_PART = 'tessera helpers';

/**
 * What each of the host's descendants counts as. A process named in `sessionParts` (a session's PTY
 * process's pid -> a part, e.g. a shell pane's) and its descendants count as that part; a helper program and
 * everything it starts is Tessera's; the rest is the agents'.
 */
export function descendantParts(
  hostPid: number,
  children: ReadonlyMap<number, readonly number[]>,
  isHelper: (pid: number) => boolean,
  sessionParts: ReadonlyMap<number, string> = new Map(),
): Map<number, string> {
  const parts = new Map<number, string>();
  const pending: Array<{ pid: number; part: string }> = (children.get(hostPid) ?? []).map((pid) => ({ pid, part: sessionParts.get(pid) ?? AGENTS_PART }));
  while (pending.length > 0) {
    const { pid, part: inherited } = pending.pop()!;
    if (parts.has(pid)) continue;
    const part = sessionParts.get(pid) ?? (inherited === AGENTS_PART && isHelper(pid) ? HELPERS_PART : inherited);
    parts.set(pid, part);
    for (const child of children.get(pid) ?? []) pending.push({ pid: child, part });
  }
  return parts;
}

/** The parts that are Tessera: the host, its helpers, and the browser showing the app. */
export const TESSERA_PARTS: readonly string[] = ['host', HELPERS_PART, 'page', 'browser gpu', 'browser other'];

export function tesseraSeconds(seconds: Readonly<Record<string, number>>): number {
  return TESSERA_PARTS.reduce((sum, part) => sum + (seconds[part] ?? 0), 0);
}

/** Figure 8's goals: Tessera's CPU against the agents' own, frame and echo p95 against idle. */
export const STREAMING_GOALS = { cpuRatio: 0.5, frameRatio: 2, echoRatio: 2 } as const;

export interface StreamingMeasures {
  readonly tesseraCpuSeconds: number;
  readonly agentsCpuSeconds: number;
  readonly frameP95Ms: { readonly idle: number; readonly streaming: number };
  readonly echoP95Ms: { readonly idle: number; readonly streaming: number };
  readonly screens: { readonly equal: number; readonly total: number };
}

export interface Verdict {
  readonly ratio: number;
  readonly met: boolean;
}

/** At most `limit` times `reference`; a ratio that cannot be formed (nothing measured) misses its goal. */
function atMost(value: number, reference: number, limit: number): Verdict {
  const ratio = reference > 0 ? value / reference : NaN;
  return { ratio, met: Number.isFinite(ratio) && ratio <= limit };
}

export function streamingVerdicts(measures: StreamingMeasures): { cpu: Verdict; frame: Verdict; echo: Verdict; screens: boolean } {
  return {
    cpu: atMost(measures.tesseraCpuSeconds, measures.agentsCpuSeconds, STREAMING_GOALS.cpuRatio),
    frame: atMost(measures.frameP95Ms.streaming, measures.frameP95Ms.idle, STREAMING_GOALS.frameRatio),
    echo: atMost(measures.echoP95Ms.streaming, measures.echoP95Ms.idle, STREAMING_GOALS.echoRatio),
    screens: measures.screens.total > 0 && measures.screens.equal === measures.screens.total,
  };
}

/**
 * How many more agents of `perAgentBytes` each can start while `reserveBytes` of the machine's
 * available memory stay free for everything else on it.
 */
export function agentsThatFit(availableBytes: number, perAgentBytes: number, reserveBytes: number): number {
  if (!(perAgentBytes > 0)) return 0;
  return Math.max(0, Math.floor((availableBytes - reserveBytes) / perAgentBytes));
}
