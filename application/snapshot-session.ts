import { err, ok, type Result } from '../domain/result';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';

/** The session's visible screen as plain text (from the headless mirror), live or ended; with `scrollbackLines`, the lines above it first. */
export class SnapshotSession {
  constructor(private readonly deps: { readonly registry: SessionRegistry }) {}

  async execute(input: { readonly id: string; readonly scrollbackLines?: number }): Promise<Result<{ readonly text: string }, SessionNotFound>> {
    const text = await this.deps.registry.screenText(input.id, input.scrollbackLines !== undefined ? { scrollbackLines: input.scrollbackLines } : {});
    return text === undefined ? err({ kind: 'session-not-found', id: input.id }) : ok({ text });
  }
}
