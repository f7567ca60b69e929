import type { Layout } from './layout';
import type { SessionInfo } from './session';

/** A turn of an agent began or ended: the status machine's busy <-> idle, or the agent's own hook events. */
export interface TurnBoundaryEvent {
  readonly type: 'turns.boundary';
  readonly agent: string;
  readonly boundary: 'started' | 'ended';
  /** With `started`: what the agent was asked, where the source knows it. */
  readonly prompt?: string;
  /** With `ended`: the files the agent's own tool events named; absent where the source has no events. */
  readonly touched?: readonly string[];
}

/** What the application announces; transports forward them as contract events. */
export type DomainEvent =
  | { readonly type: 'agents.changed' }
  | { readonly type: 'skills.changed' }
  /** A layout was saved as `revision`; `origin` is who saved it (a window's own id), when it said. */
  | { readonly type: 'layout.changed'; readonly layout: Layout; readonly revision: number; readonly origin?: string }
  | { readonly type: 'sessions.changed'; readonly session: SessionInfo }
  | TurnBoundaryEvent
  /** A boundary of the agent's turn was recorded: its changes, turns and overlaps are worth reading again. */
  | { readonly type: 'turns.recorded'; readonly agent: string; readonly turn: number }
  /** An agent's reported spending today crossed its `budget`: a warning, nothing is stopped. */
  | { readonly type: 'agents.over-budget'; readonly agent: string; readonly budgetUsd: number; readonly spentUsd: number; readonly estimated?: true };
