import type { SessionExit, SessionTerminal } from '../../application/session-registry';
import type { Clock } from '../../domain/ports/clock.port';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { Alarm } from './alarm';
import type { ScreenPacer } from './screen-pacer';
import type { CatchUpRules, StreamClient } from './stream-client';

/** What setting views aside needs of the stream host. */
export interface SetAsideHost {
  readonly clients: Iterable<StreamClient>;
  readonly terminal: Pick<SessionTerminal, 'snapshot' | 'pressure'>;
  /** Parse cost of the session's output so far. */
  produced(): number;
  exit(): SessionExit | undefined;
  disposed(): boolean;
  /** Starts a client's snapshot handshake (phase `attaching`); the exit follows it when `exitAfter`. */
  takeSnapshot(client: StreamClient, exitAfter: boolean): void;
  /** Holds or releases the PTY for the clients' windows, and sets slow clients aside first. */
  updatePause(): void;
  log(message: string, error?: unknown): void;
}

export interface SetAsideRules extends CatchUpRules {
  readonly lowWatermark: number;
  readonly resyncMs: number;
}

/**
 * Setting views aside and bringing them back. A view must never hold the agent back for long (a
 * flood faster than the page parses, a tab in the background, a frozen window): one still over its
 * window after `catchUpMs` is set aside, and the agent goes on at the mirror's speed. While the
 * flood lasts it is shown the screen alone now and then (when the ScreenPacer says); once the
 * session has calmed down it gets a full snapshot and live output again; once the session has ended,
 * its last screen and the exit at once, then the scrollback. Nothing is queued for it meanwhile, so
 * memory stays bounded whatever the view does.
 */
export class SetAside {
  /** Looks at clients over their window again once they have had `catchUpMs` (nothing else happens while the PTY waits). */
  private readonly catchUpCheck: Alarm;
  private readonly resyncCheck: Alarm;

  constructor(
    private readonly host: SetAsideHost,
    private readonly rules: SetAsideRules,
    private readonly pacer: ScreenPacer,
    private readonly clock: Clock,
    scheduler: Scheduler,
  ) {
    this.catchUpCheck = new Alarm(clock, scheduler, () => host.updatePause());
    this.resyncCheck = new Alarm(clock, scheduler, () => {
      this.resyncDue();
      host.updatePause();
    });
  }

  /**
   * Finding a live client over the high watermark, the PTY waits for it: a burst a view can parse
   * in a moment is shown whole. Past `catchUpMs` (or at once in a flood, see StreamClient.catchUp)
   * the client is set aside and shown the screen right away, which drops the backlog it would
   * otherwise parse first; not while the user types in another session (then once that stops).
   */
  slowClients(): void {
    const now = this.clock.now();
    let waiting = false;
    for (const client of this.host.clients) {
      const verdict = client.catchUp(now, this.rules);
      if (verdict === 'wait') waiting = true;
      if (verdict !== 'set-aside' || !client.setAside(now, this.host.produced())) continue;
      if (this.pacer.screenNow) this.showScreen(client, now);
      this.noteFlooding();
      this.resyncCheck.within(this.rules.resyncMs);
    }
    if (waiting) this.catchUpCheck.within(this.rules.catchUpMs);
  }

  /**
   * The user types in another session while this one floods (it used up its ration): its live
   * clients are set aside now, without a screen, and get one once the typing stops (the pacer waits
   * for it). Drawing every flood at its ration still costs the page a frame every few ms, and every
   * echo would wait behind one.
   */
  liveClients(): void {
    const now = this.clock.now();
    let setAside = false;
    for (const client of this.host.clients) setAside = client.setAside(now, this.host.produced()) || setAside;
    if (setAside) this.afterSetAside();
  }

  /**
   * The client dropped what it had not parsed (and acked it): live output would now arrive after a
   * hole, so it waits for a screen like a client that fell behind.
   */
  skipped(client: StreamClient): void {
    if (client.setAside(this.clock.now(), this.host.produced())) this.afterSetAside();
  }

  /** Typed into this session: clients set aside while the user typed elsewhere get the screen now, not when that typing would have ended. */
  typedInto(): void {
    if (this.any()) this.resyncCheck.within(0);
  }

  /**
   * Brings set-aside clients that parsed what they hold (under the low watermark) the screen, at
   * their next screen tick. While the session still floods, that is the screen alone: a few KB,
   * against a full snapshot's scrollback that takes tens of ms to serialize, and no live output
   * after it. Once the session has calmed down, a full snapshot and live output, as for a new
   * attach. Once it has ended, the last screen and the exit at once, then the scrollback.
   */
  resyncDue(): void {
    const { host } = this;
    if (host.disposed()) return;
    const now = this.clock.now();
    let next = Infinity;
    for (const client of host.clients) {
      const { phase } = client;
      if (client.window.unacked >= this.rules.lowWatermark) continue;
      if (phase.name === 'resync-due') {
        host.takeSnapshot(client, false);
        continue;
      }
      if (phase.name !== 'set-aside') continue;
      const exit = host.exit();
      if (exit) {
        // The screen first (a screen costs a few ms to make and paint, a full snapshot tens: Ctrl-C
        // on a flood must show its end fast); the scrollback follows once that is parsed.
        client.phase = { name: 'resync-due' };
        this.withScreen(client, (screen) => {
          client.sendSnapshot(screen, true);
          client.sendExit(exit);
        });
        this.noteFlooding();
        continue;
      }
      const wait = this.pacer.nextScreenAt(phase.since) - now;
      if (wait > 0) {
        next = Math.min(next, wait);
      } else if (this.pacer.stillFloods(host.produced() - phase.producedAtScreen, now - phase.since) || host.terminal.pressure.holds('mirror')) {
        // Held back by its mirror, the session floods however little came out: the PTY waits for the parser.
        this.showScreen(client, now);
        next = Math.min(next, this.rules.resyncMs);
      } else {
        host.takeSnapshot(client, true);
        this.noteFlooding();
      }
    }
    if (next < Infinity) this.resyncCheck.within(next);
  }

  /** Tells the output scheduler whether this session shows some clients screens instead of its output. */
  noteFlooding(): void {
    this.pacer.flooding(this.any());
  }

  dispose(): void {
    this.catchUpCheck.dispose();
    this.resyncCheck.dispose();
  }

  private afterSetAside(): void {
    this.noteFlooding();
    this.resyncCheck.within(this.rules.resyncMs);
    this.host.updatePause();
  }

  /**
   * Sends a set-aside client the screen alone. The client drops the output it has not parsed yet
   * (the screen supersedes it) and acks it, so it catches up at once instead of parsing a backlog.
   */
  private showScreen(client: StreamClient, now: number): void {
    client.phase = { name: 'set-aside', since: now, producedAtScreen: this.host.produced() };
    this.withScreen(client, (screen) => {
      if (client.phase.name === 'set-aside') client.sendSnapshot(screen, true);
    });
  }

  /** The mirror's screen alone, handed to `send` unless the client or the host is gone meanwhile. */
  private withScreen(client: StreamClient, send: (screen: string) => void): void {
    this.host.terminal.snapshot({ scrollback: false }).then(
      (screen) => {
        if (!client.closed && !this.host.disposed()) send(screen);
      },
      (error: unknown) => this.host.log('terminal snapshot failed', error),
    );
  }

  private any(): boolean {
    for (const client of this.host.clients) if (client.phase.name === 'set-aside') return true;
    return false;
  }
}
