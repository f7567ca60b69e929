import { AgentHookEvents, AnswerApproval, PendingApprovals } from '../application/agent-approvals';
import type { SessionRegistry } from '../application/session-registry';
import type { StatusTracker } from '../application/status-tracker';
import type { AgentHookChannel } from '../domain/ports/agent-hooks.port';
import type { Disposable } from '../domain/ports/disposable';
import type { IdGenerator } from '../domain/ports/id-generator.port';

/** A project's approvals: the hook events of its sessions read, and the use case that answers a request. */
export function wireApprovals(deps: { channel: AgentHookChannel | undefined; registry: SessionRegistry; tracker: StatusTracker; ids: IdGenerator }): { answer: AnswerApproval; started?: Disposable } {
  const approvals = new PendingApprovals(deps.registry);
  const answer = new AnswerApproval({ registry: deps.registry, approvals, tracker: deps.tracker });
  if (!deps.channel) return { answer };
  const events = new AgentHookEvents({ channel: deps.channel, registry: deps.registry, tracker: deps.tracker, approvals, ids: deps.ids });
  return { answer, started: events.start() };
}
