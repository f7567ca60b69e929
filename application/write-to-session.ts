import { err, ok, type Result } from '../domain/result';
import { isLive } from '../domain/session';
import type { SessionNotFound, SessionNotLive } from './session-errors';
import type { SessionRegistry } from './session-registry';

/** Types into a session's terminal. Writing to an ended session is refused, not silently lost. */
export class WriteToSession {
  constructor(private readonly deps: { readonly registry: SessionRegistry }) {}

  async execute(input: { readonly id: string; readonly data: string }): Promise<Result<void, SessionNotFound | SessionNotLive>> {
    const info = this.deps.registry.get(input.id);
    if (!info) return err({ kind: 'session-not-found', id: input.id });
    if (!isLive(info.status)) return err({ kind: 'session-not-live', id: input.id });
    this.deps.registry.write(input.id, input.data);
    return ok(undefined);
  }
}
