import type { SignalSource } from '../domain/agent-signals';
import type { Disposable } from '../domain/ports/disposable';
import type { ProfileStore } from '../domain/ports/profile-store.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { isLive } from '../domain/session';
import { classifyScreen, compileStatusPatterns } from '../domain/status';
import { showsTypedText } from '../domain/typed-text';
import { FOCUS_IN, FOCUS_OUT, type SessionRegistry } from './session-registry';

/** The status sources that turn busy as soon as a turn starts: a hook, or the title a CLI sets while it works. */
const ANNOUNCES_TURNS: ReadonlySet<SignalSource> = new Set<SignalSource>(['hooks', 'title']);

export interface SubmitTiming {
  /** Enter waits until the CLI's output after the text has been quiet this long: it has taken the text. */
  readonly settleMs: number;
  /** A CLI that prints nothing for the text gets Enter this long after it. */
  readonly silentMs: number;
  /** Enter comes at the latest this long after the text, however long the CLI keeps printing. */
  readonly maxMs: number;
  /**
   * An agent whose status comes from its hooks announces the turn an Enter starts; without that
   * announcement this long after Enter, with the text still on its screen, Enter is pressed once more.
   */
  readonly turnStartMs: number;
}

/**
 * A TUI that reads a burst of keys as a paste keeps an Enter inside the burst as a newline in its
 * input box (Codex does), and one that has not processed the text yet ignores an Enter on an empty
 * box (Gemini CLI draws a paste some hundreds of milliseconds later): Enter waits until the screen
 * shows the text and the drawing has settled.
 */
export const DEFAULT_SUBMIT_TIMING: SubmitTiming = { settleMs: 200, silentMs: 600, maxMs: 5000, turnStartMs: 3000 };

/** How often the session is looked at while its turn start is awaited. */
const TURN_LOOK_MS = 250;

export type Submitted = 'sent' | 'asking-a-question' | 'session-not-live';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * Types one message into a session and submits it, as a user would: the text (as a bracketed
 * paste when the program switched bracketed paste on, so a multi-line message stays one message),
 * then Enter once the program has taken the text. Never onto a question: when the screen shows one
 * of the profile's needs-input prompts (a trust, login or permission menu, a yes/no question) nothing
 * is typed. The screen is read at the moment of typing, not taken from the last status, which can be
 * a quiet period behind.
 */
export class SubmitMessage {
  private readonly timing: SubmitTiming;

  constructor(
    private readonly deps: {
      readonly registry: SessionRegistry;
      readonly profiles: ProfileStore;
      readonly scheduler: Scheduler;
      readonly timing?: Partial<SubmitTiming>;
    },
  ) {
    this.timing = { ...DEFAULT_SUBMIT_TIMING, ...deps.timing };
  }

  async execute(id: string, message: string): Promise<Submitted> {
    const { registry } = this.deps;
    const session = registry.get(id);
    if (!session || !isLive(session.status)) return 'session-not-live';
    if (session.status === 'needs-input' || (await this.asking(id, session.profile))) return 'asking-a-question';
    const modes = await registry.modes(id);
    if (!modes || !isLive(registry.get(id)?.status ?? 'exited')) return 'session-not-live';
    const text = message.replace(/[\r\n]+$/, '');
    // A program told its terminal lost focus may ignore keys until it hears focus is back (Gemini
    // CLI takes a paste then but drops Enter): it is told, as a user's click into the pane would,
    // and told again afterwards that focus is elsewhere, which is still true.
    const refocus = modes.focusEvents && registry.focusReport(id) === 'out';
    if (refocus) registry.write(id, FOCUS_IN);
    // A view that reports focus meanwhile (the user clicked into the pane) has the last word.
    let viewReported = false;
    const reports = refocus ? registry.onInput(id, (data) => void ((data === FOCUS_IN || data === FOCUS_OUT) && (viewReported = true))) : undefined;
    const taken = this.takenAfterWrite(id, text);
    if (!registry.write(id, modes.bracketedPaste ? PASTE_START + text.replaceAll(PASTE_END, '') + PASTE_END : text)) {
      taken.cancel();
      reports?.dispose();
      return 'session-not-live';
    }
    await taken.promise;
    const before = registry.get(id);
    // Enter is a CR, what a terminal sends for the key.
    const entered = registry.write(id, '\r');
    if (entered && before?.statusSource !== undefined && ANNOUNCES_TURNS.has(before.statusSource)) await this.enterAgainUnlessTurnStarted(id, text, before.turnsEnded ?? 0);
    if (reports) {
      // Apart from the Enter, so that no read of the program's input holds both and loses focus first.
      await new Promise<void>((resolve) => this.deps.scheduler.setTimeout(resolve, this.timing.settleMs));
      reports.dispose();
      if (entered && !viewReported) registry.write(id, FOCUS_OUT);
    }
    return entered ? 'sent' : 'session-not-live';
  }

  /**
   * A CLI under load may drop the Enter that follows a paste (Gemini CLI leaves the text in its input
   * box). An agent whose status comes from its hooks or its title says when a turn starts (a hook, a
   * working title); if it has not, the session is still idle, no one else typed into it meanwhile,
   * its screen still shows the text and asks no question, Enter goes once more. An Enter that was
   * taken after all meets an empty input box, which the built-in CLIs ignore.
   */
  private async enterAgainUnlessTurnStarted(id: string, text: string, turnsBefore: number): Promise<void> {
    const { registry, scheduler } = this.deps;
    let typedMeanwhile = false;
    const typing = registry.onInput(id, () => void (typedMeanwhile = true));
    try {
      for (let waited = 0; waited < this.timing.turnStartMs; waited += TURN_LOOK_MS) {
        await new Promise<void>((resolve) => scheduler.setTimeout(resolve, TURN_LOOK_MS));
        const now = registry.get(id);
        if (!now || now.status !== 'idle' || (now.turnsEnded ?? 0) > turnsBefore || typedMeanwhile) return;
      }
      const screen = await registry.screenText(id);
      if (screen === undefined || !showsTypedText(screen, text)) return;
      // Never onto a question the screen shows (a permission menu drawn before its hook was heard).
      const session = registry.get(id);
      if (!session || session.status !== 'idle' || typedMeanwhile || (await this.asking(id, session.profile))) return;
      registry.write(id, '\r');
    } finally {
      typing?.dispose();
    }
  }

  private async asking(id: string, profileId: string): Promise<boolean> {
    const [screen, profile] = await Promise.all([this.deps.registry.screenText(id), this.deps.profiles.get(profileId).catch(() => undefined)]);
    if (screen === undefined || !profile) return false;
    return classifyScreen(screen, compileStatusPatterns(profile.status)) === 'needs-input';
  }

  /**
   * Resolves once the screen shows the text (its end, or the placeholder a CLI draws for a long
   * paste) with the output after the write settled; at once when the session ends, and at the
   * latest after `maxMs` (a CLI that hides what is typed). A CLI that prints nothing has its screen
   * looked at after `silentMs`.
   */
  private takenAfterWrite(id: string, text: string): { promise: Promise<void>; cancel(): void } {
    const { scheduler, registry } = this.deps;
    const timers: Disposable[] = [];
    let settle: Disposable | undefined;
    let finished = false;
    let done!: () => void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    const finish = () => {
      if (finished) return;
      finished = true;
      for (const timer of timers) timer.dispose();
      settle?.dispose();
      output?.dispose();
      done();
    };
    const look = async () => {
      const screen = await registry.screenText(id);
      if (screen === undefined || showsTypedText(screen, text)) finish();
    };
    timers.push(scheduler.setTimeout(finish, this.timing.maxMs));
    const silent = scheduler.setTimeout(() => void look(), this.timing.silentMs);
    timers.push(silent);
    const output = registry.onOutput(id, () => {
      silent.dispose();
      settle?.dispose();
      settle = scheduler.setTimeout(() => void look(), this.timing.settleMs);
    });
    const exit = registry.onExit(id, finish);
    if (exit) timers.push(exit);
    return { promise, cancel: finish };
  }
}
