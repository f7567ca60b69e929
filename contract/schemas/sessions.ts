import { z } from 'zod';
import { sessionSignalFields } from '../approvals';

/** Agent sessions (one running agent in its terminal), sending to them, and the processes a crashed Tessera left. */

export const SessionStatusDto = z.enum(['starting', 'busy', 'idle', 'needs-input', 'exited', 'failed']);
export const SessionDto = z.object({
  id: z.string(),
  agent: z.string(),
  agentName: z.string(),
  profile: z.string(),
  pid: z.number(),
  cwd: z.string(),
  status: SessionStatusDto,
  exitCode: z.number().optional(),
  reason: z.string().optional(),
  startedAt: z.number(),
  cols: z.number(),
  rows: z.number(),
  missingSkills: z.array(z.string()),
  ...sessionSignalFields,
});

/** What "send to agents" did for one target. */
export const SendOutcomeDto = z.object({
  id: z.string(),
  agent: z.string().optional(),
  outcome: z.enum(['sent', 'queued', 'skipped']),
  /** For `queued`: the status it waits behind (busy, starting, needs-input). */
  status: SessionStatusDto.optional(),
  /** For `skipped`: session-not-found, session-not-live or asking-a-question (a menu or question is on its screen). */
  reason: z.string().optional(),
});

/** A process a previous Tessera started and never ended (it crashed): still running, reported at start. */
export const OrphanDto = z.object({
  pid: z.number(),
  agent: z.string(),
  project: z.string(),
  startedAt: z.number(),
});

export type SessionStatusDto = z.infer<typeof SessionStatusDto>;
export type SessionDto = z.infer<typeof SessionDto>;
export type SendOutcomeDto = z.infer<typeof SendOutcomeDto>;
export type OrphanDto = z.infer<typeof OrphanDto>;
