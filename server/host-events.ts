import type { DomainEvent } from '../domain/events';
import type { SupervisorEvent } from '../application/supervisor';
import { describeError } from './describe-error';
import type { HostEvent } from './host-api';
import { layoutDto, sessionDto } from './router/dto';

/** The event a client hears for a project's domain event; undefined for one clients do not hear. */
export function hostEventOfDomain(event: DomainEvent): HostEvent | undefined {
  switch (event.type) {
    case 'sessions.changed':
      return { name: 'sessions.changed', payload: sessionDto(event.session) };
    case 'agents.changed':
    case 'skills.changed':
      return { name: event.type, payload: {} };
    case 'layout.changed':
      return { name: 'layout.changed', payload: { layout: layoutDto(event.layout), revision: event.revision, ...(event.origin !== undefined ? { origin: event.origin } : {}) } };
    case 'turns.recorded':
      return { name: 'turns.recorded', payload: { agent: event.agent, turn: event.turn } };
    case 'agents.over-budget':
      return { name: 'agents.overBudget', payload: { agent: event.agent, budgetUsd: event.budgetUsd, spentUsd: event.spentUsd, ...(event.estimated ? { estimated: true as const } : {}) } };
  }
  return undefined;
}

/** The event a client hears for what the supervisor did about an agent's restart. */
export function hostEventOfSupervisor(event: SupervisorEvent): HostEvent | undefined {
  switch (event.kind) {
    case 'restart-scheduled':
      return { name: 'agents.restarting', payload: { kind: 'scheduled', agent: event.agent, attempt: event.attempt, delayMs: event.delayMs } };
    case 'gave-up':
      return { name: 'agents.restarting', payload: { kind: 'gave-up', agent: event.agent, attempts: event.attempts } };
    case 'restart-failed':
      return { name: 'agents.restarting', payload: { kind: 'restart-failed', agent: event.agent, attempt: event.attempt, message: describeError(event.error) } };
    case 'restarted':
      // The new session announces itself through sessions.changed.
      return undefined;
  }
}
