import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { PtyExit, PtyHandle } from '../domain/ports/pty.port';
import type { ScreenTextOptions, SerializeOptions, TerminalMirror, TerminalMirrorFactory, TerminalModes } from '../domain/ports/terminal-mirror.port';
import type { SignalSource } from '../domain/agent-signals';
import { isLive, type PendingApproval, type SessionInfo, type SessionStatus, type TerminalSize } from '../domain/session';
import type { EndStatus } from '../domain/status';
import { BackPressure } from '../domain/back-pressure';

/** How a session ended, as a view shows it. */
export interface SessionExit {
  readonly code?: number;
  readonly reason?: string;
}

/**
 * One session's terminal as the stream host (server/terminal/) and the command line use it: live
 * output, the mirror's snapshot, input, size, and the PTY's back-pressure.
 *
 * Text, not bytes: node-pty decodes the PTY's output with a streaming UTF-8 decoder (a
 * StringDecoder, which holds back a code point split across reads), so strings arrive whole and
 * re-encoding them cannot produce U+FFFD.
 */
export interface SessionTerminal {
  /** Output chunks, in the order the PTY produced them, each after the mirror has it. */
  onOutput(listener: (data: string) => void): Disposable;
  /** Fires once; a listener added after the end is called at once. */
  onExit(listener: (exit: SessionExit) => void): Disposable;
  /** Every write to the session, whichever way it came (a view's keystrokes, `sessions.write`), before the PTY gets it. */
  onInput(listener: (data: string) => void): Disposable;
  /**
   * The mirror serialized. It reflects exactly the output emitted before the call and none after
   * (see TerminalMirror), so a caller that subscribes in the same tick misses nothing and sees
   * nothing twice. `scrollback: false` for the screen alone.
   */
  snapshot(options?: SerializeOptions): Promise<string>;
  write(data: string): void;
  resize(size: TerminalSize): void;
  /** The reasons the PTY is held; it reads while there are none. The registry holds it for 'mirror'. */
  readonly pressure: BackPressure;
}

interface Entry {
  info: SessionInfo;
  readonly handle: PtyHandle;
  readonly mirror: TerminalMirror;
  readonly outputListeners: Set<(data: string) => void>;
  readonly exitListeners: Set<(exit: SessionExit) => void>;
  exit: SessionExit | undefined;
  readonly subscriptions: Disposable[];
  readonly inputListeners: Set<(data: string) => void>;
  readonly resizeListeners: Set<(size: TerminalSize) => void>;
  /** kill() was asked for: the end is the user's (or quit's) doing, not a failure. */
  killRequested: boolean;
  readonly pressure: BackPressure;
}

/** The statuses a tracker may set on a live session; the end is decided by the exit itself. */
export type LiveStatus = Exclude<SessionStatus, 'exited' | 'failed'>;

export interface SessionRegistryDeps {
  readonly mirrors: TerminalMirrorFactory;
  readonly events: EventBus;
  /**
   * How an exit reads (domain/status.ts `exitStatus`: non-zero -> failed). Without it every end
   * is `exited` with its code.
   */
  readonly endStatus?: (exit: { readonly code: number; readonly signal?: number; readonly requested: boolean }) => EndStatus;
}

/**
 * The sessions of this process, by id and by agent. An agent has at most one session here:
 * its live one, or its last ended one (kept so its final screen and exit code stay visible)
 * until the agent is launched again.
 *
 * Status here: `starting` until the first output, then `busy`; the end as `endStatus` reads it.
 * Idle and needs-input come from the StatusTracker through `setStatus`.
 */
export class SessionRegistry {
  private readonly byId = new Map<string, Entry>();
  private readonly byAgent = new Map<string, string>();
  private readonly addedListeners = new Set<(info: SessionInfo) => void>();

  constructor(private readonly deps: SessionRegistryDeps) {}

  /**
   * Takes ownership of a freshly spawned PTY. Does not publish: the caller announces the launch.
   * `preface` is terminal text shown above the agent's own output (a worktree's set-up output).
   */
  add(info: SessionInfo, handle: PtyHandle, preface?: string): SessionInfo {
    const previous = this.byAgent.get(info.agent);
    if (previous !== undefined) this.drop(previous);
    const entry: Entry = {
      info,
      handle,
      mirror: this.deps.mirrors.create(info.size),
      outputListeners: new Set(),
      exitListeners: new Set(),
      exit: undefined,
      subscriptions: [],
      inputListeners: new Set(),
      resizeListeners: new Set(),
      killRequested: false,
      pressure: new BackPressure((held) => (held ? handle.pause() : handle.resume())),
    };
    if (preface) entry.mirror.write(preface);
    this.byId.set(info.id, entry);
    this.byAgent.set(info.agent, info.id);
    entry.subscriptions.push(
      handle.onData((data) => this.output(entry, data)),
      handle.onExit((exit) => this.exited(entry, exit)),
      entry.mirror.onBacklog((behind) => (behind ? entry.pressure.hold('mirror') : entry.pressure.release('mirror'))),
      // The mirror is the session's one terminal that answers queries (views never do). An answer
      // is not typing: input listeners (the status tracker, the stream host) do not hear it.
      entry.mirror.onReply((reply) => {
        if (!entry.exit) handle.write(reply);
      }),
    );
    for (const listener of [...this.addedListeners]) listener(entry.info);
    return entry.info;
  }

  /** Every session added from now on, synchronously inside `add` (before any of its output). */
  onAdded(listener: (info: SessionInfo) => void): Disposable {
    this.addedListeners.add(listener);
    return { dispose: () => void this.addedListeners.delete(listener) };
  }

  /**
   * Sets a live session's status (the status tracker's verdict) and announces a change. An ended
   * session keeps its end: a late verdict must not bring it back. Returns the session as it is.
   */
  setStatus(id: string, status: LiveStatus, source?: SignalSource): SessionInfo | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (isLive(entry.info.status) && (entry.info.status !== status || entry.info.statusSource !== source)) {
      const { statusSource: _previous, ...info } = entry.info;
      this.update(entry, { ...info, status, ...(source ? { statusSource: source } : {}) });
    }
    return entry.info;
  }

  /** Shows (or, with undefined, withdraws) what a live session asks permission for. */
  setApproval(id: string, approval: PendingApproval | undefined): void {
    const entry = this.byId.get(id);
    if (!entry || !isLive(entry.info.status) || entry.info.approval === approval) return;
    const { approval: _previous, ...info } = entry.info;
    this.update(entry, approval ? { ...info, approval } : info);
  }

  /** The agent said it finished a turn (its own Stop event). */
  endTurn(id: string): void {
    const entry = this.byId.get(id);
    if (!entry || !isLive(entry.info.status)) return;
    this.update(entry, { ...entry.info, turnsEnded: (entry.info.turnsEnded ?? 0) + 1 });
  }

  /**
   * Types into a live session: the one way input reaches a PTY. Its input listeners hear it first
   * (the status tracker tells echoes from work; the stream host sends the echo at once), so they
   * know of the input before its echo can come back. False if unknown or ended.
   */
  write(id: string, data: string): boolean {
    const entry = this.byId.get(id);
    if (!entry || entry.exit) return false;
    for (const listener of [...entry.inputListeners]) listener(data);
    entry.handle.write(data);
    return true;
  }

  onInput(id: string, listener: (data: string) => void): Disposable | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    entry.inputListeners.add(listener);
    return { dispose: () => void entry.inputListeners.delete(listener) };
  }

  /** Each size change of the session's terminal, after the PTY and the mirror have it. */
  onResize(id: string, listener: (size: TerminalSize) => void): Disposable | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    entry.resizeListeners.add(listener);
    return { dispose: () => void entry.resizeListeners.delete(listener) };
  }

  get(id: string): SessionInfo | undefined {
    return this.byId.get(id)?.info;
  }

  /** The agent's live session, if it has one. */
  liveForAgent(slug: string): SessionInfo | undefined {
    const id = this.byAgent.get(slug);
    const info = id === undefined ? undefined : this.byId.get(id)?.info;
    return info && isLive(info.status) ? info : undefined;
  }

  /** Every session, oldest first. */
  list(): SessionInfo[] {
    return [...this.byId.values()].map((entry) => entry.info).sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Output chunks of one session as they arrive (after the mirror has them). */
  onOutput(id: string, listener: (data: string) => void): Disposable | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    entry.outputListeners.add(listener);
    return { dispose: () => void entry.outputListeners.delete(listener) };
  }

  /** Waits for the session's end; called at once when it has ended already. */
  onExit(id: string, listener: (exit: SessionExit) => void): Disposable | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (entry.exit) {
      listener(entry.exit);
      return { dispose: () => undefined };
    }
    entry.exitListeners.add(listener);
    return { dispose: () => void entry.exitListeners.delete(listener) };
  }

  terminal(id: string): SessionTerminal | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const none = { dispose: () => undefined };
    return {
      onOutput: (listener) => this.onOutput(id, listener) ?? none,
      onExit: (listener) => this.onExit(id, listener) ?? none,
      onInput: (listener) => this.onInput(id, listener) ?? none,
      snapshot: (options) => entry.mirror.serialize(options),
      write: (data) => void this.write(id, data),
      resize: (size) => void this.resize(id, size),
      pressure: entry.pressure,
    };
  }

  /** The visible screen as text (after up to `scrollbackLines` lines above it); undefined for an unknown session. */
  async screenText(id: string, options: ScreenTextOptions = {}): Promise<string | undefined> {
    return this.byId.get(id)?.mirror.screenText(options);
  }

  /** The terminal modes the session's program set (bracketed paste, alternate screen); undefined for an unknown session. */
  async modes(id: string): Promise<TerminalModes | undefined> {
    return this.byId.get(id)?.mirror.modes();
  }

  /** Whether the session's program runs a command in its terminal's foreground (see PtyHandle); undefined when unknown. */
  foregroundJob(id: string): boolean | undefined {
    return this.byId.get(id)?.handle.foregroundJob();
  }

  /** Resizes the PTY and the mirror together, so the snapshot matches what the agent drew. */
  resize(id: string, size: TerminalSize): SessionInfo | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (entry.info.size.cols === size.cols && entry.info.size.rows === size.rows) return entry.info;
    entry.handle.resize(size);
    entry.mirror.resize(size);
    entry.info = { ...entry.info, size };
    for (const listener of [...entry.resizeListeners]) listener(size);
    return entry.info;
  }

  /** Kills the session's whole process group. Idempotent; false for an unknown session. */
  kill(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    if (!entry.exit) entry.killRequested = true;
    entry.handle.kill();
    return true;
  }

  /** On quit: every agent's whole process tree, so no agent outlives the host. */
  killAll(): void {
    for (const entry of this.byId.values()) {
      if (!isLive(entry.info.status)) continue;
      entry.killRequested = true;
      entry.handle.kill();
    }
  }

  private output(entry: Entry, data: string): void {
    // Mirror first: a listener that snapshots in response must see this chunk.
    entry.mirror.write(data);
    for (const listener of [...entry.outputListeners]) listener(data);
    if (entry.info.status === 'starting') this.update(entry, { ...entry.info, status: 'busy' });
  }

  private exited(entry: Entry, exit: PtyExit): void {
    // A signal death has no exit code of its own (node-pty reports 0): the signal is the whole story.
    entry.exit = exit.signal ? { reason: `killed by signal ${exit.signal}` } : { code: exit.exitCode };
    const end = this.deps.endStatus?.({ code: exit.exitCode, ...(exit.signal ? { signal: exit.signal } : {}), requested: entry.killRequested });
    const { reason: _previous, approval: _asked, ...info } = entry.info;
    this.update(entry, end ? { ...info, ...end } : { ...info, status: 'exited', exitCode: exit.exitCode });
    for (const listener of [...entry.exitListeners]) listener(entry.exit);
    entry.exitListeners.clear();
  }

  private update(entry: Entry, info: SessionInfo): void {
    entry.info = info;
    if (this.byId.get(info.id) === entry) this.deps.events.publish({ type: 'sessions.changed', session: info });
  }

  private drop(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    // Only ended sessions are replaced (launch returns a live one instead); kill anyway to be safe.
    if (isLive(entry.info.status)) entry.handle.kill();
    for (const sub of entry.subscriptions) sub.dispose();
    entry.mirror.dispose();
    this.byId.delete(id);
  }
}
