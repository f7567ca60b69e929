import type { Clock } from '../domain/ports/clock.port';
import type { Disposable } from '../domain/ports/disposable';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { isLive, type SessionInfo } from '../domain/session';
import {
  checkDueAt, compileStatusPatterns, DEFAULT_STATUS_TIMING, nextStatus, startStatus,
  type StatusEvent, type StatusMatcher, type StatusState, type StatusTiming,
} from '../domain/status';
import { combineStatus, programName, readsTerminalSignals, TerminalSignalScanner, verdictsOf, type SignalLayers, type SignalVerdict } from '../domain/agent-signals';
import { screenShowsLoading } from '../domain/screen-loading';
import type { SessionRegistry } from './session-registry';

export interface StatusTrackerDeps {
  readonly registry: SessionRegistry;
  readonly profiles: ProfileStore;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly timing?: Partial<StatusTiming>;
}

interface Tracked {
  readonly id: string;
  state: StatusState;
  matcher: StatusMatcher;
  timer: Disposable | undefined;
  timerDue: number | undefined;
  reading: boolean;
  readonly subscriptions: Disposable[];
  /** What the agent's own signals say, above the screen machine. */
  layers: SignalLayers;
  readonly scanner: TerminalSignalScanner;
  /** The profile runs a CLI whose titles and notifications are read (a shell's titles and bells mean nothing of the kind). */
  readsSignals: boolean;
  /** The CLI reports its own state (Codex's OSC 7501): from then on its titles say nothing of its status. */
  reportsState: boolean;
  /** The program the profile runs, by name (`claude`), once the profile is loaded. */
  cli: string | undefined;
  /** The last screen read showed the CLI still getting ready (`screenShowsLoading`). */
  loading: boolean;
}

const NO_PATTERNS = compileStatusPatterns({ needsInput: [], busy: [] });

/**
 * Keeps each session's status true by feeding the domain status machine: output and
 * input as they happen, and the mirror's screen text whenever the machine says a read is due
 * (a quiet point, or periodically while output streams). Verdicts reach the registry through
 * `setStatus`, which announces `sessions.changed`; the end (exited/failed) is the registry's own,
 * from the exit itself, so this only stops watching then. A session that prints nothing is read
 * once its quiet period after the start is over, so it settles to idle instead of staying starting.
 */
export class StatusTracker {
  private readonly timing: StatusTiming;
  private readonly tracked = new Map<string, Tracked>();
  private added: Disposable | undefined;

  constructor(private readonly deps: StatusTrackerDeps) {
    this.timing = { ...DEFAULT_STATUS_TIMING, ...deps.timing };
  }

  /** Tracks every live session now in the registry and every one added later. */
  start(): Disposable {
    this.added ??= this.deps.registry.onAdded((info) => this.track(info));
    for (const info of this.deps.registry.list()) if (isLive(info.status)) this.track(info);
    return { dispose: () => this.dispose() };
  }

  /** Stops every timer and subscription (the sessions keep their last status). */
  dispose(): void {
    this.added?.dispose();
    this.added = undefined;
    for (const id of [...this.tracked.keys()]) this.untrack(id);
  }

  private track(info: SessionInfo): void {
    const { registry } = this.deps;
    if (this.tracked.has(info.id)) return;
    // Started now as far as this tracker knows (the clock of SessionInfo.startedAt may be another).
    const entry: Tracked = {
      id: info.id, state: startStatus(this.deps.clock.now()), matcher: NO_PATTERNS, timer: undefined, timerDue: undefined, reading: false, subscriptions: [],
      layers: {}, scanner: new TerminalSignalScanner(), readsSignals: false, reportsState: false, cli: undefined, loading: false,
    };
    // The registry may already be past `starting` (tracking began after the first output).
    if (info.status !== 'starting') entry.state = { ...entry.state, status: info.status };
    this.tracked.set(info.id, entry);
    const onOutput = registry.onOutput(info.id, (data) => {
      this.scanSignals(entry, data);
      this.feed(entry, { kind: 'output', at: this.deps.clock.now() });
    });
    const onInput = registry.onInput(info.id, () => this.feed(entry, { kind: 'input', at: this.deps.clock.now() }));
    // A program redraws when its terminal changes size: that output answers the resize as an echo
    // answers a keystroke, so a pane split or dragged never reads as work (nor its end as "finished").
    const onResize = registry.onResize(info.id, () => this.feed(entry, { kind: 'input', at: this.deps.clock.now() }));
    const onExit = registry.onExit(info.id, () => this.untrack(info.id));
    for (const sub of [onOutput, onInput, onResize, onExit]) if (sub) entry.subscriptions.push(sub);
    void this.deps.profiles.get(info.profile).then(
      (profile) => {
        if (!profile) return;
        entry.matcher = compileStatusPatterns(profile.status);
        entry.readsSignals = readsTerminalSignals(profile.command);
        entry.cli = programName(profile.command);
      },
      // Without its profile a session is still tracked by activity alone.
      () => undefined,
    );
    // An agent that never prints must still leave `starting`: its quiet period starts now.
    this.schedule(entry);
  }

  private untrack(id: string): void {
    const entry = this.tracked.get(id);
    if (!entry) return;
    this.tracked.delete(id);
    entry.timer?.dispose();
    for (const sub of entry.subscriptions) sub.dispose();
  }

  /**
   * What the agent's hooks say now (undefined: nothing any more, as when a request they raised went
   * away unanswered or the CLI's session ended). Ranks above every terminal signal and the screen.
   */
  hookVerdict(sessionId: string, verdict: SignalVerdict | undefined): void {
    const entry = this.tracked.get(sessionId);
    if (!entry) return;
    const { hooks: _previous, ...rest } = entry.layers;
    entry.layers = verdict ? { ...rest, hooks: verdict } : rest;
    this.publish(entry);
  }

  /** Whether the screen of a session showed a question at its last read. */
  screenAsks(sessionId: string): boolean {
    return this.tracked.get(sessionId)?.state.status === 'needs-input';
  }

  private scanSignals(entry: Tracked, data: string): void {
    const signals = entry.scanner.scan(data);
    if (!entry.readsSignals) return;
    // A spinner title is drawn on a timer of its own and can come after the state report that ended the
    // work (seen after Codex resumed a session): a state report holds until the next one.
    if (signals.some((signal) => signal.kind === 'state')) entry.reportsState = true;
    const last = verdictsOf(signals, { titles: !entry.reportsState }).at(-1);
    if (last) entry.layers = { ...entry.layers, terminal: { source: last.source, verdict: last.verdict } };
  }

  private feed(entry: Tracked, event: StatusEvent): void {
    if (this.tracked.get(entry.id) !== entry) return;
    entry.state = nextStatus(entry.state, event, entry.matcher, this.timing);
    if (event.kind === 'screen') entry.loading = screenShowsLoading(entry.cli, event.screen);
    this.publish(entry, event.kind === 'screen' ? event.screen : undefined);
    this.schedule(entry);
  }

  /** The program a session's profile runs, by name, once known. */
  cliOf(sessionId: string): string | undefined {
    return this.tracked.get(sessionId)?.cli;
  }

  private publish(entry: Tracked, screen?: string): void {
    const { status } = entry.state;
    if (status === 'exited' || status === 'failed') return;
    // Until the agent has printed something, it is starting whatever a signal says.
    const combined = status === 'starting' ? undefined : combineStatus(entry.layers, status === 'needs-input', entry.loading);
    this.deps.registry.setStatus(entry.id, combined?.status ?? status, combined?.source ?? 'screen');
    for (const listener of [...this.screenListeners]) listener(entry.id, status === 'needs-input', screen);
  }

  private readonly screenListeners = new Set<(sessionId: string, asks: boolean, screen: string | undefined) => void>();

  /** Each time a session's status is worked out, with whether its screen shows a question (and the screen, when it was just read). */
  onScreen(listener: (sessionId: string, asks: boolean, screen: string | undefined) => void): Disposable {
    this.screenListeners.add(listener);
    return { dispose: () => void this.screenListeners.delete(listener) };
  }

  private schedule(entry: Tracked): void {
    if (entry.reading) return; // rescheduled once the read in flight is fed back
    const due = checkDueAt(entry.state, this.timing);
    if (due === entry.timerDue) return;
    entry.timer?.dispose();
    entry.timer = undefined;
    entry.timerDue = due;
    if (due === undefined) return;
    entry.timer = this.deps.scheduler.setTimeout(() => void this.read(entry), Math.max(0, due - this.deps.clock.now()));
  }

  private async read(entry: Tracked): Promise<void> {
    entry.timer = undefined;
    entry.timerDue = undefined;
    entry.reading = true;
    const at = this.deps.clock.now();
    let screen: string | undefined;
    let programRunning = false;
    try {
      const [text, modes] = await Promise.all([this.deps.registry.screenText(entry.id), this.deps.registry.modes(entry.id)]);
      screen = text;
      programRunning = (modes?.alternateScreen ?? false) || this.deps.registry.foregroundJob(entry.id) === true;
    } catch {
      // The mirror went away with its session: nothing left to classify.
      screen = undefined;
    } finally {
      entry.reading = false;
    }
    if (screen === undefined) return;
    this.feed(entry, { kind: 'screen', at, screen, programRunning });
  }
}
