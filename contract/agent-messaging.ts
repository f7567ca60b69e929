import { z } from 'zod';

/**
 * Whether the agents of a project may message and launch each other: a setting of the user's (kept
 * in the user's config, never in the project, which a clone could ship). 'ask' shows each request in
 * the app, and the user's answer decides it.
 */
export const AgentMessaging = z.enum(['off', 'ask', 'on']);
export type AgentMessaging = z.infer<typeof AgentMessaging>;

/** One agent's request waiting for the user's answer (setting 'ask'). */
export const AgentRequestDto = z.object({
  id: z.string(),
  /** The calling agent. */
  from: z.string(),
  /** The agent it would message or launch. */
  to: z.string(),
  kind: z.enum(['send', 'launch']),
  /** The message, for 'send'. */
  text: z.string().max(20_000).optional(),
  at: z.number(),
  /** When the request is refused unanswered (epoch ms). */
  expiresAt: z.number(),
});
export type AgentRequestDto = z.infer<typeof AgentRequestDto>;

export const AgentRequestOutcome = z.enum(['allowed', 'denied', 'timed-out']);
export type AgentRequestOutcome = z.infer<typeof AgentRequestOutcome>;

const none = z.object({}).strict().default({});

export const agentMessagingMethods = {
  /** The open project's setting, and the requests waiting for an answer. */
  'agentMessaging.get': { params: none, result: z.object({ setting: AgentMessaging, pending: z.array(AgentRequestDto) }) },
  'agentMessaging.set': { params: z.object({ setting: AgentMessaging }), result: z.object({ setting: AgentMessaging }) },
  /** Allows or denies a waiting request of the open project. */
  'agentMessaging.answer': { params: z.object({ id: z.string().min(1).max(100), allow: z.boolean() }), result: z.object({}) },
} as const;

export const agentMessagingEvents = {
  /** An agent asks to message or launch another; the app shows it with Allow / Deny. */
  'agentMessaging.requested': AgentRequestDto,
  /** A request was answered (here or in another window) or timed out: it is no longer shown. */
  'agentMessaging.settled': z.object({ id: z.string(), outcome: AgentRequestOutcome }),
  /** The project's setting changed (in this or another window). */
  'agentMessaging.changed': z.object({ setting: AgentMessaging }),
} as const;
