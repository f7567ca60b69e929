import type { AnswerApproval } from '../../application/agent-approvals';
import { err, ok, type DomainError, type Result } from '../../domain/result';
import type { ParsedParams } from '../../contract/contract';

type AnswerParams = ParsedParams<'sessions.answerApproval'>;

/** `sessions.answerApproval`: the open project's AnswerApproval, or 'no-project'. */
export function answerApprovalHandler(current: () => { readonly answerApproval: Pick<AnswerApproval, 'execute'> } | undefined) {
  return async (params: AnswerParams): Promise<Result<Record<string, never>, DomainError>> => {
    const services = current();
    if (!services) return err({ kind: 'no-project' });
    const answered = await services.answerApproval.execute({ id: params.id, approval: params.approval, decision: params.decision });
    return answered.ok ? ok({}) : answered;
  };
}
