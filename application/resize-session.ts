import { err, ok, type Result } from '../domain/result';
import type { SessionInfo } from '../domain/session';
import { clampSize, type SizeError } from '../domain/terminal-size';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';

/** Resizes the PTY and its mirror; sizes are clamped into range rather than refused. */
export class ResizeSession {
  constructor(private readonly deps: { readonly registry: SessionRegistry }) {}

  async execute(input: { readonly id: string; readonly cols: number; readonly rows: number }): Promise<Result<SessionInfo, SessionNotFound | SizeError>> {
    const size = clampSize(input);
    if (!size.ok) return size;
    const info = this.deps.registry.resize(input.id, size.value);
    return info ? ok(info) : err({ kind: 'session-not-found', id: input.id });
  }
}
