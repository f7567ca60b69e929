import type { SessionExit } from '../../application/session-registry';
import type { ServerControl } from '../../contract/terminal-stream';
import { CreditWindow } from './credit-window';

/** One attached view, whatever carries it (a WebSocket, an Electron MessagePort). */
export interface TerminalClient {
  /** Terminal output as UTF-8 bytes. The client acks these bytes once xterm.js has parsed them. */
  sendBytes(bytes: Uint8Array): void;
  sendControl(message: ServerControl): void;
}

/**
 * Where a view stands in its session's stream:
 *
 * - `attaching`: its snapshot is being taken; output that arrives meanwhile is `held` for it and
 *   sent right after the snapshot (with no gap and no duplicate), then the exit if `exitAfter`.
 * - `live`: it gets every batch, and holds the PTY back while over its window. `overSince`: when it
 *   went over the high watermark (undefined while under it).
 * - `set-aside`: it fell behind (or dropped output, or the user types elsewhere while its session
 *   floods); it gets no live output and holds nothing back, only the screen now and then. `since`:
 *   when it was set aside or last got the screen; `producedAtScreen`: the session's output then.
 * - `resync-due`: the session ended while it was set aside; it has the last screen and the exit,
 *   and its full snapshot (the scrollback it skipped) goes out once it has parsed what it holds.
 *   Output that trails the exit reaches it live, after that last screen.
 * - `closed`: it went away; nothing more is sent to it.
 *
 * attaching -> live -> set-aside -> attaching (the flood calmed down) or resync-due (the session
 * ended) -> attaching; any -> closed.
 */
export type ClientPhase =
  | { readonly name: 'attaching'; readonly held: string[]; readonly exitAfter: boolean }
  | { readonly name: 'live'; readonly overSince: number | undefined }
  | { readonly name: 'set-aside'; readonly since: number; readonly producedAtScreen: number }
  | { readonly name: 'resync-due' }
  | { readonly name: 'closed' };

export interface CatchUpRules {
  readonly highWatermark: number;
  readonly catchUpMs: number;
  readonly floodMs: number;
}

/** A view as the stream host keeps it: its transport, its phase and its credit window. */
export class StreamClient {
  phase: ClientPhase = { name: 'attaching', held: [], exitAfter: true };
  readonly window = new CreditWindow();
  /** Until then, going over the window again sets it aside at once (it is in a flood). */
  floodUntil = -Infinity;

  /** `broken` hears a transport that threw: the client must be dropped, it must not stop the others. */
  constructor(
    private readonly transport: TerminalClient,
    private readonly broken: (client: StreamClient, error: unknown) => void,
  ) {}

  get closed(): boolean {
    return this.phase.name === 'closed';
  }

  /**
   * A live view's standing against its window at `now`: under it (`keep`); over it and waited for
   * (`wait`: look again within `catchUpMs`); or to be set aside, having stayed over it for
   * `catchUpMs`, or gone over again within `floodMs` of catching up with a burst (`set-aside`).
   */
  catchUp(now: number, rules: CatchUpRules): 'keep' | 'wait' | 'set-aside' {
    if (this.phase.name !== 'live') return 'keep';
    const { overSince } = this.phase;
    if (this.window.unacked <= rules.highWatermark) {
      if (overSince !== undefined) {
        this.floodUntil = now + rules.floodMs;
        this.phase = { name: 'live', overSince: undefined };
      }
      return 'keep';
    }
    if (overSince === undefined) this.phase = { name: 'live', overSince: now };
    return now < this.floodUntil || now - (overSince ?? now) >= rules.catchUpMs ? 'set-aside' : 'wait';
  }

  /** Sets a live view aside as of `now`, when its session had produced `produced`; false if it was not live. */
  setAside(now: number, produced: number): boolean {
    if (this.phase.name !== 'live') return false;
    this.phase = { name: 'set-aside', since: now, producedAtScreen: produced };
    return true;
  }

  sendBytes(bytes: Uint8Array, cost: number): void {
    this.window.sent(bytes.length, cost);
    this.send(() => this.transport.sendBytes(bytes));
  }

  /**
   * A snapshot counts against the window like output (the view acks its characters once parsed):
   * a view that stops parsing is sent nothing more, snapshots included.
   */
  sendSnapshot(data: string, screenOnly = false): void {
    this.window.sent(data.length, data.length);
    this.send(() => this.transport.sendControl(screenOnly ? { t: 'snapshot', data, screen: true } : { t: 'snapshot', data }));
  }

  sendExit(exit: SessionExit): void {
    const message: ServerControl = {
      t: 'exit',
      ...(exit.code !== undefined ? { code: exit.code } : {}),
      ...(exit.reason !== undefined ? { reason: exit.reason } : {}),
    };
    this.send(() => this.transport.sendControl(message));
  }

  private send(send: () => void): void {
    if (this.closed) return;
    try {
      send();
    } catch (error) {
      this.broken(this, error);
    }
  }
}
