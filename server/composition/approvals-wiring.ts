import { AgentHookEvents, AnswerApproval, PendingApprovals } from '../../application/agent-approvals';
import type { SessionRegistry } from '../../application/session-registry';
import type { StatusTracker } from '../../application/status-tracker';
import type { AgentHookChannel } from '../../domain/ports/agent-hooks.port';
import type { Disposable } from '../../domain/ports/disposable';
import type { IdGenerator } from '../../domain/ports/id-generator.port';
import type { Scheduler } from '../../domain/ports/scheduler.port';

/** A project's approvals: the hook events and prompts of its sessions read, and the use case that answers a request. */
export function wireApprovals(deps: { channel: AgentHookChannel | undefined; registry: SessionRegistry; tracker: StatusTracker; ids: IdGenerator; scheduler: Scheduler }): { answer: AnswerApproval; started: Disposable } {
  const approvals = new PendingApprovals(deps.registry);
  const answer = new AnswerApproval({ registry: deps.registry, approvals, tracker: deps.tracker, scheduler: deps.scheduler });
  const events = new AgentHookEvents({ ...(deps.channel ? { channel: deps.channel } : {}), registry: deps.registry, tracker: deps.tracker, approvals, ids: deps.ids });
  return { answer, started: events.start() };
}
