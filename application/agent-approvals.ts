import { permissionDecisionOutput, readHookPayload, type ApprovalDecision, type HookSignal } from '../domain/agent-signals';
import type { AgentHookChannel, HookCall } from '../domain/ports/agent-hooks.port';
import type { Disposable } from '../domain/ports/disposable';
import type { IdGenerator } from '../domain/ports/id-generator.port';
import { err, ok, type Result } from '../domain/result';
import { isLive, type PendingApproval } from '../domain/session';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';
import type { StatusTracker } from './status-tracker';

interface Pending {
  readonly approval: PendingApproval;
  /** The hook command waiting for the answer (answer `hook` only). */
  readonly call?: HookCall;
  /** The CLI's own prompt has been seen on the screen: once it is gone, the user answered there. */
  seenOnScreen: boolean;
  readonly subscriptions: Disposable[];
}

/** The permission requests waiting for the user, one per session at most. */
export class PendingApprovals {
  private readonly bySession = new Map<string, Pending>();

  constructor(private readonly registry: SessionRegistry) {}

  get(sessionId: string): Pending | undefined {
    return this.bySession.get(sessionId);
  }

  show(sessionId: string, pending: Pending): void {
    this.withdraw(sessionId);
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

  withdrawAll(): void {
    for (const id of [...this.bySession.keys()]) this.withdraw(id);
  }
}

export interface AgentHookEventsDeps {
  readonly channel: AgentHookChannel;
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
 * longer there (the user answered in the terminal). Nothing here answers a request.
 */
export class AgentHookEvents {
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly deps: AgentHookEventsDeps) {}

  start(): Disposable {
    this.subscriptions.push(
      this.deps.channel.onCall((call) => this.handle(call)),
      this.deps.tracker.onScreen((sessionId, asks) => this.screenRead(sessionId, asks)),
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
      if (!(signal.event === 'Notification' && signal.verdict === 'needs-input')) approvals.withdraw(id);
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
    const approval: PendingApproval = {
      id: this.deps.ids.next(),
      tool: permission.tool,
      subject: permission.subject.text,
      omitted: permission.subject.omitted,
      ...(permission.description ? { description: permission.description } : {}),
      answer: answerable ? 'hook' : 'terminal',
    };
    const pending: Pending = { approval, seenOnScreen: false, subscriptions: [], ...(answerable ? { call } : {}) };
    if (!answerable) call.answer(undefined);
    else {
      pending.subscriptions.push(
        call.onGone(() => {
          if (this.deps.approvals.get(sessionId) !== pending) return;
          this.deps.approvals.withdraw(sessionId, pending);
          // The hooks no longer know where the agent stands: the terminal's signals and the screen say.
          this.deps.tracker.hookVerdict(sessionId, undefined);
        }),
      );
    }
    this.deps.approvals.show(sessionId, pending);
    if (this.deps.tracker.screenAsks(sessionId)) pending.seenOnScreen = true;
  }

  private screenRead(sessionId: string, asks: boolean): void {
    const pending = this.deps.approvals.get(sessionId);
    if (!pending) return;
    if (asks) {
      pending.seenOnScreen = true;
      return;
    }
    if (!pending.seenOnScreen) return;
    this.deps.approvals.withdraw(sessionId, pending);
    this.deps.tracker.hookVerdict(sessionId, undefined);
  }
}

export type AnswerApprovalError =
  | SessionNotFound
  | { readonly kind: 'approval-not-found'; readonly id: string }
  /** Tessera cannot answer this one safely: the user answers in the terminal. */
  | { readonly kind: 'approval-in-terminal'; readonly id: string }
  /** The agent stopped waiting for Tessera's answer before it arrived. */
  | { readonly kind: 'approval-gone'; readonly id: string };

/**
 * Answers a pending permission request through the agent's hook (the CLI reads the decision the hook
 * prints). Checked: the hook command must still be waiting to take it; otherwise the request is
 * withdrawn and the user is told to answer in the terminal.
 */
export class AnswerApproval {
  constructor(private readonly deps: { readonly registry: SessionRegistry; readonly approvals: PendingApprovals; readonly tracker: Pick<StatusTracker, 'hookVerdict'> }) {}

  async execute(input: { readonly id: string; readonly approval: string; readonly decision: ApprovalDecision }): Promise<Result<void, AnswerApprovalError>> {
    if (!this.deps.registry.get(input.id)) return err({ kind: 'session-not-found', id: input.id });
    const pending = this.deps.approvals.get(input.id);
    if (!pending || pending.approval.id !== input.approval) return err({ kind: 'approval-not-found', id: input.approval });
    if (!pending.call) return err({ kind: 'approval-in-terminal', id: input.approval });
    const taken = pending.call.answer(permissionDecisionOutput(input.decision));
    this.deps.approvals.withdraw(input.id, pending);
    if (!taken) {
      this.deps.tracker.hookVerdict(input.id, undefined);
      return err({ kind: 'approval-gone', id: input.approval });
    }
    // Either way the agent carries on: with the tool's result, or with the denial to work around.
    this.deps.tracker.hookVerdict(input.id, 'busy');
    return ok(undefined);
  }
}
