import type { StatusPatterns } from './profile';
import type { SessionStatus } from './session';

/**
 * The session status machine, as pure functions of events and time (no timers here: the
 * caller asks `checkDueAt` when to read the screen next, so tests move time by hand).
 *
 * - `starting` until the first output, then `busy`. An agent that prints nothing at all (a quiet
 *   shell, a CLI waiting on stdin) goes `idle` once `startQuietMs` has passed since it started,
 *   rather than staying `starting` forever. That wait is longer than `quietMs`: a CLI that takes a
 *   second to load must not flicker starting -> idle -> busy.
 * - `idle` once output has been quiet for `quietMs` and the screen shows neither a needs-input
 *   nor a busy pattern. A busy pattern (e.g. "esc to interrupt") keeps a quiet agent `busy`.
 * - `idle -> busy` needs output sustained for `busyAfterMs`: a redraw, a clock tick or the echo
 *   of a keystroke or a resize (output within `echoMs` of input) does not make an agent busy.
 * - `needs-input` when the screen's tail matches a needs-input pattern. It is read from the
 *   screen (the headless mirror), never from raw bytes, so colours and redraws cannot fool it; the
 *   screen is also read every `checkEveryMs` while output streams, so a prompt under a spinner is
 *   seen. Output alone never leaves `needs-input` (a blinking prompt would flap): a later screen
 *   without the prompt does.
 * - On exit: `exited` for code 0 or a kill the user asked for, otherwise `failed` with the reason
 *   ("exited with code 1", "killed by signal 9"). A process killed by a signal has no exit code
 *   (node-pty reports 0), so none is given: "failed, exit code 0, killed by signal 9" misleads. An agent that could not start
 *   and one that dies with an error are the same to its user (it did not do its job) and the
 *   restart policy `on-failure` restarts exactly these, so both end as `failed`.
 */

export interface StatusTiming {
  readonly quietMs: number;
  readonly busyAfterMs: number;
  readonly checkEveryMs: number;
  readonly echoMs: number;
  /** How long a session that has printed nothing since it started stays `starting`. */
  readonly startQuietMs: number;
}

export const DEFAULT_STATUS_TIMING: StatusTiming = { quietMs: 600, busyAfterMs: 300, checkEveryMs: 1000, echoMs: 150, startQuietMs: 3000 };

/** A profile's patterns, compiled. Matched case-insensitively, `^`/`$` at line ends, on the screen's tail. */
export interface StatusMatcher {
  readonly needsInput: readonly RegExp[];
  readonly busy: readonly RegExp[];
  /** How many non-blank lines at the bottom of the screen are looked at. */
  readonly tailLines: number;
  /** A program the agent runs reads as busy (a shell's top or build), unless a needs-input pattern matches. */
  readonly runningProgramBusy: boolean;
}

/**
 * Prompts live at the bottom of the screen, where the cursor is. Looking only there keeps an
 * answered question higher up (or the agent quoting one in its output) from counting.
 * Twelve lines hold Claude Code's permission dialog (question, command, three options).
 */
export const DEFAULT_TAIL_LINES = 12;

export function compileStatusPatterns(patterns: StatusPatterns, tailLines = DEFAULT_TAIL_LINES): StatusMatcher {
  return { needsInput: compileAll(patterns.needsInput), busy: compileAll(patterns.busy), tailLines, runningProgramBusy: patterns.runningProgram === 'busy' };
}

function compileAll(sources: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const source of sources) {
    // Profiles are validated on load; a pattern that still does not compile matches nothing rather than stopping the tracker.
    try {
      out.push(new RegExp(source, 'im'));
    } catch {
      continue;
    }
  }
  return out;
}

export type ScreenClass = 'needs-input' | 'busy' | 'quiet';

/** The last `tailLines` non-blank lines of a screen, trailing spaces trimmed. */
export function screenTail(screen: string, tailLines: number): string {
  const lines = screen.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  return lines.slice(-tailLines).join('\n');
}

/**
 * What the screen says; needs-input wins over busy (a dialog can sit above a stale spinner line).
 * `programRunning`: the agent runs a program (a command in its terminal's foreground, or anything
 * on the alternate screen).
 */
export function classifyScreen(screen: string, matcher: StatusMatcher, programRunning = false): ScreenClass {
  const tail = screenTail(screen, matcher.tailLines);
  if (matcher.needsInput.some((re) => re.test(tail))) return 'needs-input';
  if (programRunning && matcher.runningProgramBusy) return 'busy';
  if (matcher.busy.some((re) => re.test(tail))) return 'busy';
  return 'quiet';
}

export interface StatusState {
  readonly status: SessionStatus;
  /** When the session started, if known: a session with no output goes idle `startQuietMs` after it. */
  readonly startedAt?: number;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly lastOutputAt?: number;
  readonly lastInputAt?: number;
  /** First output the screen has not been read since: a periodic check is due. */
  readonly unseenSince?: number;
  /** First output since the last quiet point that was not an echo of input. */
  readonly activeSince?: number;
  /** Output happened and no screen read has found it quiet yet: a settle check is due. */
  readonly settlePending: boolean;
}

export type StatusEvent =
  | { readonly kind: 'output'; readonly at: number }
  | { readonly kind: 'input'; readonly at: number }
  /** The screen as it was at `at` (read because `checkDueAt` said so), and whether the agent was running a program then. */
  | { readonly kind: 'screen'; readonly at: number; readonly screen: string; readonly programRunning?: boolean }
  | { readonly kind: 'exit'; readonly code: number; readonly signal?: number; readonly requested: boolean }
  | { readonly kind: 'spawn-failed'; readonly reason: string };

export function startStatus(startedAt?: number): StatusState {
  return { status: 'starting', settlePending: false, ...(startedAt !== undefined ? { startedAt } : {}) };
}

export function isEnded(status: SessionStatus): boolean {
  return status === 'exited' || status === 'failed';
}

export interface EndStatus {
  readonly status: 'exited' | 'failed';
  /** Absent when a signal ended the process: it then has no exit code of its own. */
  readonly exitCode?: number;
  readonly reason?: string;
}

/** How an exit reads. `requested`: the user (or quit) killed it, which is not a failure whatever the code. */
export function exitStatus(exit: { readonly code: number; readonly signal?: number; readonly requested: boolean }): EndStatus {
  const status = exit.requested || (exit.code === 0 && !exit.signal) ? 'exited' : 'failed';
  if (exit.signal) return { status, reason: `killed by signal ${exit.signal}` };
  return status === 'exited' ? { status, exitCode: exit.code } : { status, exitCode: exit.code, reason: `exited with code ${exit.code}` };
}

export function nextStatus(state: StatusState, event: StatusEvent, matcher: StatusMatcher, timing: StatusTiming): StatusState {
  if (isEnded(state.status)) return state;
  switch (event.kind) {
    case 'output':
      return onOutput(state, event.at, timing);
    case 'input':
      return { ...state, lastInputAt: event.at };
    case 'screen':
      return onScreen(state, event.at, classifyScreen(event.screen, matcher, event.programRunning), timing);
    case 'exit': {
      const end = exitStatus(event);
      return { status: end.status, ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}), ...(end.reason ? { reason: end.reason } : {}), settlePending: false };
    }
    case 'spawn-failed':
      return { status: 'failed', reason: event.reason, settlePending: false };
  }
}

function onOutput(state: StatusState, at: number, timing: StatusTiming): StatusState {
  const echo = state.lastInputAt !== undefined && at - state.lastInputAt <= timing.echoMs;
  const activeSince = echo ? state.activeSince : (state.activeSince ?? at);
  let status = state.status;
  if (status === 'starting') status = 'busy';
  else if (status === 'idle' && activeSince !== undefined && at - activeSince >= timing.busyAfterMs) status = 'busy';
  return {
    ...state,
    status,
    lastOutputAt: at,
    unseenSince: state.unseenSince ?? at,
    ...(activeSince !== undefined ? { activeSince } : {}),
    settlePending: true,
  };
}

function onScreen(state: StatusState, at: number, seen: ScreenClass, timing: StatusTiming): StatusState {
  const last = state.lastOutputAt;
  // Output that arrived after the screen was read is not in it: keep it due for the next read.
  const unseenAfter = last !== undefined && last > at;
  const quiet = last === undefined || (!unseenAfter && at - last >= timing.quietMs);
  const base: StatusState = {
    status: state.status,
    ...(state.startedAt !== undefined ? { startedAt: state.startedAt } : {}),
    settlePending: unseenAfter || (state.settlePending && !quiet),
    ...(state.exitCode !== undefined ? { exitCode: state.exitCode } : {}),
    ...(last !== undefined ? { lastOutputAt: last } : {}),
    ...(state.lastInputAt !== undefined ? { lastInputAt: state.lastInputAt } : {}),
    ...(unseenAfter ? { unseenSince: last } : {}),
  };
  if (seen === 'needs-input') return { ...base, status: 'needs-input' };
  if (quiet) return { ...base, status: seen === 'busy' ? 'busy' : state.status === 'starting' && !silentLongEnough(state, at, timing) ? 'starting' : 'idle' };
  // Still streaming: the prompt it was waiting at is gone, so it is working on the answer.
  const activeSince = state.activeSince !== undefined ? { activeSince: state.activeSince } : {};
  if (state.status === 'needs-input' || (state.status === 'idle' && seen === 'busy')) return { ...base, ...activeSince, status: 'busy' };
  return { ...base, ...activeSince };
}

/** Started `startQuietMs` ago (as far as is known) without a byte of output. */
function silentLongEnough(state: StatusState, at: number, timing: StatusTiming): boolean {
  return state.lastOutputAt === undefined && state.startedAt !== undefined && at - state.startedAt >= timing.startQuietMs;
}

/**
 * When the screen should be read next; undefined when nothing can have changed (no output since
 * the last quiet read) or the session ended. A session still starting with no output is read once
 * `startQuietMs` is over, so it can settle to idle (or show a prompt) without printing anything.
 */
export function checkDueAt(state: StatusState, timing: StatusTiming): number | undefined {
  if (isEnded(state.status)) return undefined;
  if (state.status === 'starting' && state.lastOutputAt === undefined) return state.startedAt !== undefined ? state.startedAt + timing.startQuietMs : undefined;
  if (!state.settlePending || state.lastOutputAt === undefined) return undefined;
  const settle = state.lastOutputAt + timing.quietMs;
  return state.unseenSince === undefined ? settle : Math.min(settle, state.unseenSince + timing.checkEveryMs);
}
