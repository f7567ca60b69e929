import { ok, type Result } from '../domain/result';
import type { SessionInfo } from '../domain/session';
import type { SessionRegistry } from './session-registry';

export class ListSessions {
  constructor(private readonly deps: { readonly registry: SessionRegistry }) {}

  async execute(): Promise<Result<readonly SessionInfo[], never>> {
    return ok(this.deps.registry.list());
  }
}
