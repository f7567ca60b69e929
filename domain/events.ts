import type { SessionInfo } from './session';

/** What the application announces; transports forward them as contract events. */
export type DomainEvent =
  | { readonly type: 'agents.changed' }
  | { readonly type: 'skills.changed' }
  | { readonly type: 'layout.changed' }
  | { readonly type: 'sessions.changed'; readonly session: SessionInfo };
