import type { CpuSharePort } from '../domain/ports/cpu-share.port';
import type { Disposable } from '../domain/ports/disposable';
import type { SessionInfo } from '../domain/session';
import { isPointerMotionOnly } from '../domain/pointer-motion';
import { FOCUS_OUT, type SessionRegistry } from './session-registry';

/** The sessions of one registry, as the shares follow them. */
export type SharedSessions = Pick<SessionRegistry, 'onAdded' | 'onOutput' | 'onExit'>;

/** How many of a new session's first outputs may find it not yet leading a session of its own before it is left at its full share. */
const ATTEMPTS = 5;

/**
 * Every session yields the CPU (CpuSharePort) except the one a view last typed in. Under load, the
 * keystroke's whole path then runs first: Tessera's host and page, which keep their full share, and
 * the agent typed in. The other agents take what is left, which is the whole machine whenever
 * nothing else wants it: yielding costs them nothing on an idle machine.
 *
 * A session yields from its first output: by then its program runs, in a session of its own, while
 * before that its process may still be in Tessera's (the share of a process that leads no session
 * is never set). One instance serves every project of a host, as the user has one keyboard.
 */
export class ForegroundCpuShares {
  /** Sessions whose share is set, with their leader's pid. */
  private readonly shared = new Map<string, number>();
  private typedIn: string | undefined;

  constructor(private readonly shares: CpuSharePort) {}

  /** Follows the sessions `sessions` adds from now on. */
  watch(sessions: SharedSessions): Disposable {
    const followed = new Map<string, Disposable[]>();
    const forget = (id: string) => {
      for (const sub of followed.get(id) ?? []) sub.dispose();
      followed.delete(id);
    };
    const added = sessions.onAdded((info) => {
      const subs: Disposable[] = [];
      followed.set(info.id, subs);
      let attempts = 0;
      const output = sessions.onOutput(info.id, () => {
        if (this.shared.has(info.id) || attempts >= ATTEMPTS) return;
        attempts++;
        if (this.shares.set(info.pid, this.shareOf(info))) this.shared.set(info.id, info.pid);
      });
      const exit = sessions.onExit(info.id, () => {
        this.shared.delete(info.id);
        if (this.typedIn === info.id) this.typedIn = undefined;
        forget(info.id);
      });
      for (const sub of [output, exit]) if (sub) subs.push(sub);
    });
    return {
      dispose: () => {
        added.dispose();
        for (const id of [...followed.keys()]) forget(id);
      },
    };
  }

  /**
   * A view wrote `data` into the session. Typing gives it its full share back and makes the session
   * typed in before yield, in that order: the keystroke waits on the first, and the system may delay
   * the second. A report of the pane losing the keyboard, or of the pointer merely passing over it,
   * is no sign of interest and changes nothing.
   */
  typedInto(id: string, data: string): void {
    if (data === FOCUS_OUT || isPointerMotionOnly(data)) return;
    if (this.typedIn === id) return;
    const before = this.typedIn;
    this.typedIn = id;
    const pid = this.shared.get(id);
    if (pid !== undefined) this.shares.set(pid, 'full');
    const beforePid = before !== undefined ? this.shared.get(before) : undefined;
    if (beforePid !== undefined) this.shares.set(beforePid, 'yielding');
  }

  private shareOf(info: SessionInfo): 'full' | 'yielding' {
    return info.id === this.typedIn ? 'full' : 'yielding';
  }
}
