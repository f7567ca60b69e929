import { z } from 'zod';

/** Where a session's status was read from: the agent's hooks, a terminal notification, its terminal title, or its screen. */
export const StatusSourceDto = z.enum(['hooks', 'notification', 'title', 'screen']);

/** A permission request an agent is waiting on. `answer: 'terminal'`: only the CLI's own prompt can answer it; otherwise Tessera can. */
export const ApprovalDto = z.object({
  id: z.string(),
  tool: z.string(),
  /** The whole command, file or input, controls written out as escapes. */
  subject: z.string(),
  /** Characters of the subject left out (0: none). */
  omitted: z.number(),
  description: z.string().optional(),
  answer: z.enum(['hook', 'keys', 'terminal']),
});

/** The fields a session carries about the agent's own signals. */
export const sessionSignalFields = {
  statusSource: StatusSourceDto.optional(),
  turnsEnded: z.number().optional(),
  approval: ApprovalDto.optional(),
};

export const approvalMethods = {
  /** Approves or denies the pending request `approval` of session `id`. */
  'sessions.answerApproval': {
    params: z.object({ id: z.string().min(1), approval: z.string().min(1), decision: z.enum(['approve', 'deny']) }),
    result: z.object({}),
  },
} as const;

export type ApprovalDto = z.infer<typeof ApprovalDto>;
export type StatusSourceDto = z.infer<typeof StatusSourceDto>;
