import { CHECKPOINT_LIMITS } from '../domain/checkpoint';
import type { AgentHookChannel } from '../domain/ports/agent-hooks.port';
import type { WorkingTreeCheckpoints } from '../domain/ports/checkpoints.port';
import type { Disposable } from '../domain/ports/disposable';
import type { EventBus } from '../domain/ports/event-bus.port';
import type { SessionInfo } from '../domain/session';
import { absoluteFrom, filesWrittenBy, shellCommandEvent } from '../domain/tool-files';

/** How a shell command's effects are read: the working tree before and after it, compared. */
export interface ShellEffectsDeps {
  readonly checkpoints: WorkingTreeCheckpoints;
  /** The top of the working tree the agent edits (its worktree, or the project's checkout); undefined outside git. */
  workTreeOf(agent: string): Promise<string | undefined>;
}

/**
 * The files each agent's own tool events named during its current turn, for the turn's end
 * checkpoint, where they say which of the turn's changes are the agent's: the files its write tools
 * named (domain/tool-files.ts), and what changed in its working tree by the end of each of its shell
 * commands since the last point the agent's events mark (its turn's start, or its previous shell
 * command's end). A command's own start is no such point: the CLI runs it as soon as its hook
 * returns, before the tree could be read. So what someone else changed in that span is named too,
 * and reads "mixed" where their own events name it. It only listens: the hook events are answered
 * elsewhere. A turn's start forgets what an earlier turn named.
 */
export class TurnTouchedFiles {
  private readonly byAgent = new Map<string, Set<string>>();
  /** Per agent, the shell commands' effects still being read; a turn's end waits for them. */
  private readonly reading = new Map<string, Set<Promise<void>>>();
  /** Per agent, its working tree at the last point its events mark, which its next shell command's effects are measured from. */
  private readonly since = new Map<string, Promise<{ readonly top: string; readonly tree: string } | undefined>>();

  constructor(
    private readonly deps: {
      /** Without one, no agent has tool events: every turn reads as "no events". */
      readonly channel?: AgentHookChannel;
      readonly registry: { get(id: string): Pick<SessionInfo, 'agent' | 'cwd'> | undefined };
      readonly events: EventBus;
      /** Without it, shell commands name no file. */
      readonly shellEffects?: ShellEffectsDeps;
    },
  ) {}

  start(): Disposable {
    const subscriptions: Disposable[] = [];
    if (this.deps.channel) subscriptions.push(this.deps.channel.onCall((call) => this.heard(call.sessionId, call.payload)));
    subscriptions.push(
      this.deps.events.subscribe((event) => {
        if (event.type !== 'turns.boundary' || event.boundary !== 'started') return;
        this.byAgent.delete(event.agent);
        if (this.deps.shellEffects) this.since.set(event.agent, this.treeOf(event.agent));
      }),
    );
    return { dispose: () => subscriptions.splice(0).forEach((s) => s.dispose()) };
  }

  /**
   * What the agent's events named since its turn started, once; undefined when they named nothing.
   * The turn's files are taken when this is called; the shell commands' effects still being read are awaited.
   */
  async take(agent: string): Promise<readonly string[] | undefined> {
    const named = this.byAgent.get(agent);
    this.byAgent.delete(agent);
    const reading = [...(this.reading.get(agent) ?? [])];
    this.reading.delete(agent);
    await Promise.all(reading);
    return named && named.size > 0 ? [...named] : undefined;
  }

  /** Always false: the call is for AgentHookEvents to take and answer. */
  private heard(sessionId: string, payload: unknown): boolean {
    const session = this.deps.registry.get(sessionId);
    if (!session) return false;
    const named = this.namedBy(session.agent);
    for (const file of filesWrittenBy(payload)) named.add(absoluteFrom(session.cwd, file));
    const shell = this.deps.shellEffects ? shellCommandEvent(payload) : undefined;
    const agent = session.agent;
    // A turn whose start went unheard: the command's start is the best point there is.
    if (shell === 'before' && !this.since.has(agent)) this.since.set(agent, this.treeOf(agent));
    if (shell === 'after') {
      const since = this.since.get(agent);
      const now = this.treeOf(agent);
      this.since.set(agent, now);
      if (since) this.track(agent, this.effects(since, now, named));
    }
    return false;
  }

  private namedBy(agent: string): Set<string> {
    let named = this.byAgent.get(agent);
    if (!named) this.byAgent.set(agent, (named = new Set()));
    return named;
  }

  private track(agent: string, reading: Promise<void>): void {
    let set = this.reading.get(agent);
    if (!set) this.reading.set(agent, (set = new Set()));
    set.add(reading);
    void reading.finally(() => set.delete(reading));
  }

  private async treeOf(agent: string): Promise<{ readonly top: string; readonly tree: string } | undefined> {
    const effects = this.deps.shellEffects;
    const top = effects ? await effects.workTreeOf(agent) : undefined;
    if (!effects || !top) return undefined;
    const snapshot = await effects.checkpoints.snapshot(top, { maxFileBytes: CHECKPOINT_LIMITS.maxFileBytes });
    return snapshot.ok ? { top, tree: snapshot.value.tree } : undefined;
  }

  /** Adds to `named` what changed in the working tree between the two; a failure to read names nothing. */
  private async effects(since: Promise<{ readonly top: string; readonly tree: string } | undefined>, now: Promise<{ readonly top: string; readonly tree: string } | undefined>, named: Set<string>): Promise<void> {
    const [from, to] = await Promise.all([since, now]);
    if (!from || !to || !this.deps.shellEffects) return;
    const changed = await this.deps.shellEffects.checkpoints.changes(from.top, from.tree, to.tree);
    if (changed.ok) for (const change of changed.value) named.add(`${from.top.replace(/\/+$/, '')}/${change.path}`);
  }
}
