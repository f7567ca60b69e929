import { permissionDecisionOutput, readHookPayload, readScreenPrompt, type ApprovalDecision, type HookSignal, type PermissionAsk } from '../domain/agent-signals';
import type { AgentHookChannel, HookCall } from '../domain/ports/agent-hooks.port';
import type { Disposable } from '../domain/ports/disposable';
import type { IdGenerator } from '../domain/ports/id-generator.port';
import type { Scheduler } from '../domain/ports/scheduler.port';
import { err, ok, type Result } from '../domain/result';
import { isLive, type PendingApproval } from '../domain/session';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';
import type { StatusTracker } from './status-tracker';

interface Pending {
  readonly approval: PendingApproval;
  /** The hook command waiting for the answer (answer `hook` only). */
  readonly call?: HookCall;
  /** The keys the CLI's prompt names (answer `keys` only). */
  readonly keys?: { readonly approve: string; readonly deny: string };
  /** A hook reported the request (its whole command); its prompt's keys answer it. */
  readonly reportedByHook?: boolean;
  /**
   * The command as the prompt the keys answer shows it, when the request shows the hook's account: the
   * keys go only while that same prompt is on the screen.
   */
  readonly onScreen?: string;
  /** The CLI's own prompt has been seen on the screen: once it is gone, the user answered there. */
  seenOnScreen: boolean;
  /** Keys answering it are on their way (answer `keys` only): no second answer types into what follows. */
  answering?: boolean;
  readonly subscriptions: Disposable[];
}

/** The permission requests waiting for the user, one per session at most. */
export class PendingApprovals {
  private readonly bySession = new Map<string, Pending>();
  /** Per session, what the request last settled asked (see `settle`). */
  private readonly settled = new Map<string, Asked>();

  constructor(private readonly registry: SessionRegistry) {}

  get(sessionId: string): Pending | undefined {
    return this.bySession.get(sessionId);
  }

  show(sessionId: string, pending: Pending): void {
    this.withdraw(sessionId);
    this.settled.delete(sessionId);
    this.bySession.set(sessionId, pending);
    this.registry.setApproval(sessionId, pending.approval);
  }

  /** Takes the request away (answered, or gone); a hook still waiting is let go with no decision. */
  withdraw(sessionId: string, only?: Pending): void {
    const pending = this.bySession.get(sessionId);
    if (!pending || (only && pending !== only)) return;
    this.bySession.delete(sessionId);
    for (const sub of pending.subscriptions) sub.dispose();
    pending.call?.answer(undefined);
    this.registry.setApproval(sessionId, undefined);
  }

  /**
   * Takes the request away as answered (through its hook, or the agent moved on). The prompt of one
   * its hook waited on can stay on the screen a moment longer: until the screen shows no prompt, that
   * prompt is not a new request. (A request read off the screen needs no such care: its prompt is what
   * it is, and it shows again while it stays.)
   */
  settle(sessionId: string, only?: Pending): void {
    const pending = this.bySession.get(sessionId);
    if (!pending || (only && pending !== only)) return;
    this.withdraw(sessionId, pending);
    if (pending.call) this.settled.set(sessionId, pending.approval);
  }

  /** Whether a prompt read off the screen (undefined: none) is the request last settled; a screen without it ends that. */
  settledOnScreen(sessionId: string, onScreen: PermissionAsk | undefined): boolean {
    const settled = this.settled.get(sessionId);
    if (settled === undefined) return false;
    if (onScreen && sameRequest(settled, asked(onScreen), this.registry.get(sessionId)?.cwd)) return true;
    this.settled.delete(sessionId);
    return false;
  }

  withdrawAll(): void {
    for (const id of [...this.bySession.keys()]) this.withdraw(id);
  }
}

export interface AgentHookEventsDeps {
  /** Without one, only the prompts read off the screen are shown. */
  readonly channel?: AgentHookChannel;
  readonly registry: SessionRegistry;
  readonly tracker: StatusTracker;
  readonly approvals: PendingApprovals;
  readonly ids: IdGenerator;
}

/**
 * Reads what agents' hooks say: each event sets the hooks' verdict on the pane's status (subagent
 * events are left out by `readHookPayload`), a Stop ends a turn, and a permission request becomes a
 * pending approval. A request goes away when the agent moves on (any later event), when its hook
 * command is gone (the CLI stopped waiting for it), or when its prompt, once seen on the screen, is no
 * longer there (the user answered in the terminal). A prompt on the screen that no hook reports (the
 * user's settings turn hooks off, a hook gave up) is a request its keys answer. Nothing here answers a
 * request.
 */
export class AgentHookEvents {
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly deps: AgentHookEventsDeps) {}

  start(): Disposable {
    if (this.deps.channel) this.subscriptions.push(this.deps.channel.onCall((call) => this.handle(call)));
    this.subscriptions.push(
      this.deps.tracker.onScreen((sessionId, asks, screen) => this.screenRead(sessionId, asks, screen)),
    );
    return { dispose: () => this.dispose() };
  }

  dispose(): void {
    for (const sub of this.subscriptions.splice(0)) sub.dispose();
    this.deps.approvals.withdrawAll();
  }

  /** False for a session of another project's. */
  private handle(call: HookCall): boolean {
    const { registry, tracker, approvals } = this.deps;
    const session = registry.get(call.sessionId);
    if (!session) return false;
    const signal = isLive(session.status) ? readHookPayload(call.payload) : undefined;
    if (!signal) {
      call.answer(undefined);
      return true;
    }
    const id = call.sessionId;
    if (!signal.permission || !(signal.event === 'PermissionRequest' || signal.event === 'Notification')) {
      // Claude's own reminder that a request still waits is not the agent moving on.
      if (!(signal.event === 'Notification' && signal.verdict === 'needs-input')) approvals.settle(id);
    }
    // The request first: the status that announces it then carries what it asks.
    if (signal.permission) this.ask(id, signal, call);
    else call.answer(undefined);
    tracker.hookVerdict(id, signal.ended ? undefined : signal.verdict);
    if (signal.turn === 'ended') registry.endTurn(id);
    return true;
  }

  private ask(sessionId: string, signal: HookSignal, call: HookCall): void {
    const permission = signal.permission;
    if (!permission) return;
    const answerable = call.waiting;
    const shown = this.deps.approvals.get(sessionId);
    if (!answerable && shown?.keys && !shown.reportedByHook) {
      // Its prompt was read off the screen first: the hook's account (the whole command) replaces the
      // screen's only where the two agree; the keys and the request stay either way.
      call.answer(undefined);
      if (sameRequest(asked(permission), shown.approval, this.cwdOf(sessionId))) {
        this.deps.approvals.show(sessionId, { ...shown, approval: { ...this.approvalOf(permission, 'keys'), id: shown.approval.id }, reportedByHook: true, onScreen: shown.approval.subject, subscriptions: [] });
      }
      return;
    }
    // The same request read off the screen a moment before keeps its id: an answer already on its way still finds it.
    const sameAsShown = shown?.keys !== undefined && sameRequest(asked(permission), shown.approval, this.cwdOf(sessionId));
    const approval = { ...this.approvalOf(permission, answerable ? 'hook' : 'terminal'), ...(sameAsShown ? { id: shown.approval.id } : {}) };
    const pending: Pending = { approval, seenOnScreen: false, subscriptions: [], ...(answerable ? { call } : {}) };
    if (!answerable) call.answer(undefined);
    else {
      pending.subscriptions.push(
        call.onGone(() => {
          if (this.deps.approvals.get(sessionId) !== pending) return;
          this.deps.approvals.withdraw(sessionId, pending);
          // The hooks no longer know where the agent stands: the terminal's signals and the screen say.
          this.deps.tracker.hookVerdict(sessionId, undefined);
          // A CLI that stopped waiting for its hook may still be asking on its screen (Claude Code's dialog
          // outlives a hook that gave up): its prompt's keys answer it from here.
          this.lookAtScreen(sessionId);
        }),
      );
    }
    this.deps.approvals.show(sessionId, pending);
    if (this.deps.tracker.screenAsks(sessionId)) pending.seenOnScreen = true;
    // A request only the prompt's keys can answer: the prompt is usually drawn by now, so it is looked
    // for at once rather than at the screen's next read.
    if (!answerable) this.lookAtScreen(sessionId);
  }

  private cwdOf(sessionId: string): string | undefined {
    return this.deps.registry.get(sessionId)?.cwd;
  }

  private lookAtScreen(sessionId: string): void {
    void this.deps.registry.screenText(sessionId).then((screen) => this.screenRead(sessionId, this.deps.tracker.screenAsks(sessionId), screen), () => undefined);
  }

  private approvalOf(permission: PermissionAsk, answer: PendingApproval['answer']): PendingApproval {
    return {
      id: this.deps.ids.next(),
      tool: permission.tool,
      subject: permission.subject.text,
      omitted: permission.subject.omitted,
      ...(permission.description ? { description: permission.description } : {}),
      answer,
    };
  }

  private screenRead(sessionId: string, asks: boolean, screen: string | undefined): void {
    const pending = this.deps.approvals.get(sessionId);
    const cli = this.deps.tracker.cliOf(sessionId);
    if (screen !== undefined && cli !== undefined && pending && !pending.keys && !pending.call) {
      // A request its hook only reported (the CLI asks for itself): once the CLI's prompt shows, the keys
      // that prompt names answer it, and the hook's account of the request (the whole command) stays.
      const prompt = readScreenPrompt(cli, screen);
      if (prompt) {
        const onScreen = prompt.permission.subject.text;
        // What the user reads is what the keys answer: a prompt that shows another command than the hook
        // reported is shown as the screen has it.
        const shown = sameRequest(pending.approval, asked(prompt.permission), this.cwdOf(sessionId)) ? { approval: { ...pending.approval, answer: 'keys' as const }, reportedByHook: true, onScreen } : { approval: this.approvalOf(prompt.permission, 'keys') };
        this.deps.approvals.show(sessionId, { ...shown, keys: prompt.keys, seenOnScreen: true, subscriptions: [] });
        return;
      }
    } else if (screen !== undefined && cli !== undefined && (!pending || pending.keys)) {
      const prompt = readScreenPrompt(cli, screen);
      if (!pending && this.deps.approvals.settledOnScreen(sessionId, prompt?.permission)) return;
      if (prompt && (!pending || !samePrompt(pending, prompt.permission))) {
        this.deps.approvals.show(sessionId, { approval: this.approvalOf(prompt.permission, 'keys'), keys: prompt.keys, seenOnScreen: true, subscriptions: [] });
        return;
      }
      if (!prompt && pending) {
        this.deps.approvals.withdraw(sessionId, pending);
        if (pending.reportedByHook) this.deps.tracker.hookVerdict(sessionId, undefined);
        return;
      }
    }
    // A prompt answered with keys stays as long as the prompt itself is read on the screen.
    if (!pending || pending.keys) return;
    if (asks) {
      pending.seenOnScreen = true;
      return;
    }
    if (!pending.seenOnScreen) return;
    this.deps.approvals.withdraw(sessionId, pending);
    this.deps.tracker.hookVerdict(sessionId, undefined);
  }
}

/** The prompt on the screen is the one the pending request's keys were bound to. */
function samePrompt(pending: Pending, permission: PermissionAsk): boolean {
  // Whitespace aside: a resize wraps the same command over other lines.
  if (pending.onScreen !== undefined) return squeeze(pending.onScreen) === squeeze(permission.subject.text);
  return pending.approval.tool === permission.tool && squeeze(pending.approval.subject) === squeeze(permission.subject.text);
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** What a request asks: its tool, and its command or file. */
interface Asked {
  readonly tool: string;
  readonly subject: string;
}

const asked = (permission: PermissionAsk): Asked => ({ tool: permission.tool, subject: permission.subject.text });

/** Claude Code's file tools: their dialog names the file from the session's directory, their hook by its whole path. */
const FILE_TOOLS = new Set(['Write', 'Edit']);

/** A request as its hook reports it and a prompt read off the screen ask the same: the same command, or the same file. */
function sameRequest(hook: Asked, screen: Asked, cwd: string | undefined): boolean {
  if (!FILE_TOOLS.has(screen.tool)) return sameCommand(hook.subject, screen.subject);
  return hook.tool === screen.tool && cwd !== undefined && absolutePath(hook.subject, '/') === absolutePath(screen.subject, cwd);
}

/** A path made whole against `base` with `/` between its names, `.` and `..` worked out. */
function absolutePath(path: string, base: string): string {
  const names: string[] = [];
  const whole = path.replace(/\\/g, '/');
  for (const name of (whole.startsWith('/') ? whole : `${base.replace(/\\/g, '/')}/${whole}`).split('/')) {
    if (name === '..') names.pop();
    else if (name !== '' && name !== '.') names.push(name);
  }
  return `/${names.join('/')}`;
}

/**
 * A hook's whole command and the same command as a prompt shows it agree: the screen's text, wrapped
 * over lines and perhaps cut short with an ellipsis, is the hook's text (whitespace aside): its pieces
 * in order, from its start to its end except where an ellipsis stands for what was cut.
 */
export function sameCommand(hook: string, screen: string): boolean {
  const whole = squeeze(hook);
  const cut = squeeze(screen);
  const pieces = cut.split('…').filter((piece) => piece !== '');
  if (pieces.length === 0) return false;
  if (!cut.includes('…')) return whole === cut;
  if (!cut.startsWith('…') && !whole.startsWith(pieces[0] ?? '')) return false;
  if (!cut.endsWith('…') && !whole.endsWith(pieces.at(-1) ?? '')) return false;
  let from = 0;
  for (const piece of pieces) {
    const at = whole.indexOf(piece, from);
    if (at === -1) return false;
    from = at + piece.length;
  }
  return true;
}

export type AnswerApprovalError =
  | SessionNotFound
  | { readonly kind: 'approval-not-found'; readonly id: string }
  /** Tessera cannot answer this one safely: the user answers in the terminal. */
  | { readonly kind: 'approval-in-terminal'; readonly id: string }
  /** The agent stopped waiting for Tessera's answer before it arrived. */
  | { readonly kind: 'approval-gone'; readonly id: string }
  /** The keys were sent and the prompt is still there: the CLI did not take them. */
  | { readonly kind: 'approval-not-taken'; readonly id: string };

/** How long the prompt has to go away after its keys are sent, and how often the screen is looked at meanwhile. */
const KEYS_CHECK = { everyMs: 250, times: 20 };

/**
 * Answers a pending permission request: through the agent's hook where it waits on one (the CLI reads
 * the decision the hook prints; checked by the hook taking it), otherwise as the keys the CLI's prompt
 * names (checked by the prompt leaving the screen). Each failed check is reported, never retried.
 */
export class AnswerApproval {
  constructor(
    private readonly deps: {
      readonly registry: SessionRegistry;
      readonly approvals: PendingApprovals;
      readonly tracker: Pick<StatusTracker, 'hookVerdict' | 'cliOf'>;
      readonly scheduler?: Scheduler;
    },
  ) {}

  async execute(input: { readonly id: string; readonly approval: string; readonly decision: ApprovalDecision }): Promise<Result<void, AnswerApprovalError>> {
    const session = this.deps.registry.get(input.id);
    if (!session) return err({ kind: 'session-not-found', id: input.id });
    const pending = this.deps.approvals.get(input.id);
    if (pending && !isLive(session.status)) this.deps.approvals.withdraw(input.id, pending);
    if (!pending || pending.approval.id !== input.approval || !isLive(session.status)) return err({ kind: 'approval-not-found', id: input.approval });
    if (pending.keys) {
      if (pending.answering) return err({ kind: 'approval-not-found', id: input.approval });
      pending.answering = true;
      try {
        return await this.byKeys(input, pending);
      } finally {
        pending.answering = false;
      }
    }
    if (!pending.call) return err({ kind: 'approval-in-terminal', id: input.approval });
    const taken = pending.call.answer(permissionDecisionOutput(input.decision));
    if (taken) this.deps.approvals.settle(input.id, pending);
    else this.deps.approvals.withdraw(input.id, pending);
    if (!taken) {
      this.deps.tracker.hookVerdict(input.id, undefined);
      return err({ kind: 'approval-gone', id: input.approval });
    }
    // Either way the agent carries on: with the tool's result, or with the denial to work around.
    this.deps.tracker.hookVerdict(input.id, 'busy');
    return ok(undefined);
  }

  private async byKeys(input: { readonly id: string; readonly approval: string; readonly decision: ApprovalDecision }, pending: Pending): Promise<Result<void, AnswerApprovalError>> {
    const { registry, approvals, scheduler, tracker } = this.deps;
    const cli = tracker.cliOf(input.id);
    if (!scheduler || cli === undefined) return err({ kind: 'approval-in-terminal', id: input.approval });
    const before = await registry.screenText(input.id);
    // Only the prompt that was shown: a screen that moved on meanwhile, or shows another command, gets no
    // keys; and the keys are the ones that prompt names now (its options can change while it stays).
    const prompt = before === undefined ? undefined : readScreenPrompt(cli, before);
    if (!prompt || !samePrompt(pending, prompt.permission)) return err({ kind: 'approval-not-found', id: input.approval });
    if (!registry.write(input.id, input.decision === 'approve' ? prompt.keys.approve : prompt.keys.deny)) return err({ kind: 'approval-gone', id: input.approval });
    for (let i = 0; i < KEYS_CHECK.times; i++) {
      await new Promise<void>((resolve) => scheduler.setTimeout(resolve, KEYS_CHECK.everyMs));
      const screen = await registry.screenText(input.id);
      const now = screen === undefined ? undefined : readScreenPrompt(cli, screen);
      const current = approvals.get(input.id);
      // Taken once that prompt is gone: the screen shows none or another (the CLI asks its next question
      // at once), or a read of the screen in between saw it go and took the request away.
      if (!now || !samePrompt(pending, now.permission) || current?.approval.id !== input.approval) {
        if (current?.approval.id === input.approval) approvals.withdraw(input.id, current);
        // A hook that reported the request says nothing of the answer: the agent's next event, its terminal
        // and its screen say where it stands now.
        tracker.hookVerdict(input.id, undefined);
        return ok(undefined);
      }
    }
    return err({ kind: 'approval-not-taken', id: input.approval });
  }
}
