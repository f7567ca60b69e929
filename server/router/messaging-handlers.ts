import { err, ok, type DomainError, type Result } from '../../domain/result';
import type { AgentMessaging, AgentRequestDto, agentMessagingMethods } from '../../contract/agent-messaging';
import type { ParsedParams, ResultOf } from '../../contract/contract';
import type { Project } from '../../application/open-project';

/** What the agent-messaging methods need: the user's setting per project and the requests waiting for an answer. */
export interface MessagingService {
  setting(root: string): AgentMessaging;
  set(root: string, setting: AgentMessaging): Result<AgentMessaging, DomainError>;
  waiting(root: string): AgentRequestDto[];
  answer(root: string, id: string, allow: boolean): Result<void, DomainError>;
}

export interface MessagingContext {
  readonly messaging?: MessagingService;
  current(): { readonly project: Project } | undefined;
}

type MessagingMethod = keyof typeof agentMessagingMethods;
type MessagingHandler<M extends MessagingMethod> = (params: ParsedParams<M>, ctx: MessagingContext) => Promise<Result<ResultOf<M>, DomainError>>;

const unavailable: DomainError = { kind: 'agent-messaging-unavailable' };

/** Runs `fn` with the open project's root and the messaging service, or answers 'no-project' / 'agent-messaging-unavailable'. */
function withProject<M extends MessagingMethod>(fn: (params: ParsedParams<M>, root: string, messaging: MessagingService) => Result<ResultOf<M>, DomainError>): MessagingHandler<M> {
  return async (params, ctx) => {
    const services = ctx.current();
    if (!services) return err({ kind: 'no-project' });
    return ctx.messaging ? fn(params, services.project.root, ctx.messaging) : err(unavailable);
  };
}

/** The router's handlers of the agent-messaging methods (contract/agent-messaging.ts): they only translate. */
export const messagingHandlers: { readonly [M in MessagingMethod]: MessagingHandler<M> } = {
  'agentMessaging.get': withProject((_params, root, messaging) => ok({ setting: messaging.setting(root), pending: messaging.waiting(root) })),
  'agentMessaging.set': withProject(({ setting }, root, messaging) => {
    const saved = messaging.set(root, setting);
    return saved.ok ? ok({ setting: saved.value }) : saved;
  }),
  'agentMessaging.answer': withProject(({ id, allow }, root, messaging) => {
    const answered = messaging.answer(root, id, allow);
    return answered.ok ? ok({}) : answered;
  }),
};
