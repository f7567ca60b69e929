import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { PtyExit, PtyHandle } from '../domain/ports/pty.port';
import type { TerminalMirror, TerminalMirrorFactory } from '../domain/ports/terminal-mirror.port';
import { isLive, type SessionInfo, type TerminalSize } from '../domain/session';

/** How a session ended, as a view shows it. */
export interface SessionExit {
  readonly code?: number;
  readonly reason?: string;
}

/**
 * One session's terminal for the transport layer (the stream host): live output, the mirror's
 * snapshot, input, size and flow control. Structurally the `TerminalSource` of electron/.
 */
export interface SessionTerminal {
  onOutput(listener: (data: string) => void): Disposable;
  /** Fires once; a listener added after the end is called at once. */
  onExit(listener: (exit: SessionExit) => void): Disposable;
  /** Reflects exactly the output emitted before the call (see TerminalMirror). */
  snapshot(): Promise<string>;
  write(data: string): void;
  resize(size: TerminalSize): void;
  pause(): void;
  resume(): void;
}

interface Entry {
  info: SessionInfo;
  readonly handle: PtyHandle;
  readonly mirror: TerminalMirror;
  readonly outputListeners: Set<(data: string) => void>;
  readonly exitListeners: Set<(exit: SessionExit) => void>;
  exit: SessionExit | undefined;
  readonly subscriptions: Disposable[];
}

/**
 * The sessions of this process, by id and by agent. An agent has at most one session here:
 * its live one, or its last ended one (kept so its final screen and exit code stay visible)
 * until the agent is launched again.
 *
 * Status is kept simple for now: `starting` until the first output, then `busy`, then `exited`
 * with the code. Quiet/needs-input detection (DESIGN §6) layers on top of `onOutput`.
 */
export class SessionRegistry {
  private readonly byId = new Map<string, Entry>();
  private readonly byAgent = new Map<string, string>();

  constructor(private readonly deps: { readonly mirrors: TerminalMirrorFactory; readonly events: EventBus }) {}

  /** Takes ownership of a freshly spawned PTY. Does not publish: the caller announces the launch. */
  add(info: SessionInfo, handle: PtyHandle): SessionInfo {
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
    };
    this.byId.set(info.id, entry);
    this.byAgent.set(info.agent, info.id);
    entry.subscriptions.push(
      handle.onData((data) => this.output(entry, data)),
      handle.onExit((exit) => this.exited(entry, exit)),
    );
    return entry.info;
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

  /** The raw PTY, for flow control. */
  handle(id: string): PtyHandle | undefined {
    return this.byId.get(id)?.handle;
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
    return {
      onOutput: (listener) => this.onOutput(id, listener) ?? { dispose: () => undefined },
      onExit: (listener) => this.onExit(id, listener) ?? { dispose: () => undefined },
      snapshot: () => entry.mirror.serialize(),
      write: (data) => entry.handle.write(data),
      resize: (size) => void this.resize(id, size),
      pause: () => entry.handle.pause(),
      resume: () => entry.handle.resume(),
    };
  }

  /** The visible screen as text; undefined for an unknown session. */
  async screenText(id: string): Promise<string | undefined> {
    return this.byId.get(id)?.mirror.screenText();
  }

  /** Resizes the PTY and the mirror together, so the snapshot matches what the agent drew. */
  resize(id: string, size: TerminalSize): SessionInfo | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (entry.info.size.cols === size.cols && entry.info.size.rows === size.rows) return entry.info;
    entry.handle.resize(size);
    entry.mirror.resize(size);
    entry.info = { ...entry.info, size };
    return entry.info;
  }

  /** Kills the session's whole process group. Idempotent; false for an unknown session. */
  kill(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    entry.handle.kill();
    return true;
  }

  /** On quit: every agent's whole process tree (DESIGN §5, no orphans). */
  killAll(): void {
    for (const entry of this.byId.values()) {
      if (isLive(entry.info.status)) entry.handle.kill();
    }
  }

  private output(entry: Entry, data: string): void {
    // Mirror first: a listener that snapshots in response must see this chunk.
    entry.mirror.write(data);
    for (const listener of [...entry.outputListeners]) listener(data);
    if (entry.info.status === 'starting') this.update(entry, { ...entry.info, status: 'busy' });
  }

  private exited(entry: Entry, exit: PtyExit): void {
    entry.exit = exit.signal ? { code: exit.exitCode, reason: `killed by signal ${exit.signal}` } : { code: exit.exitCode };
    this.update(entry, { ...entry.info, status: 'exited', exitCode: exit.exitCode });
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
