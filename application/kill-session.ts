import { err, ok, type Result } from '../domain/result';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';

/** Kills the session's whole process group. Killing an ended session succeeds (idempotent). */
export class KillSession {
  constructor(private readonly deps: { readonly registry: SessionRegistry }) {}

  async execute(input: { readonly id: string }): Promise<Result<void, SessionNotFound>> {
    return this.deps.registry.kill(input.id) ? ok(undefined) : err({ kind: 'session-not-found', id: input.id });
  }
}
