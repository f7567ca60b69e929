import type { SessionInfo } from './session';

/** What the application announces; transports forward them as contract events. */
export type DomainEvent =
  | { readonly type: 'agents.changed' }
  | { readonly type: 'skills.changed' }
  | { readonly type: 'layout.changed' }
  | { readonly type: 'sessions.changed'; readonly session: SessionInfo }
  /** An agent's reported spending today crossed its `budget`: a warning, nothing is stopped. */
  | { readonly type: 'agents.over-budget'; readonly agent: string; readonly budgetUsd: number; readonly spentUsd: number };
