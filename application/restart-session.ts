import type { ProfileStore } from '../domain/ports/profile-store.port';
import { err, type Result } from '../domain/result';
import { isLive, type SessionInfo } from '../domain/session';
import type { LaunchAgent, LaunchAgentError } from './launch-agent';
import type { SessionNotFound } from './session-errors';
import type { SessionRegistry } from './session-registry';

export type RestartSessionError =
  | SessionNotFound
  | { readonly kind: 'resume-unsupported'; readonly profileId: string }
  | LaunchAgentError;

/**
 * Ends the session (if live) and launches its agent again at the same size. With `resume`,
 * the profile's resume args (e.g. `--continue`) are appended; a profile without them cannot resume.
 * The new session has a new id; the agent's persona and skills are read afresh.
 */
export class RestartSession {
  constructor(private readonly deps: { readonly registry: SessionRegistry; readonly profiles: ProfileStore; readonly launch: LaunchAgent }) {}

  async execute(input: { readonly id: string; readonly resume: boolean }): Promise<Result<SessionInfo, RestartSessionError>> {
    const { registry } = this.deps;
    const session = registry.get(input.id);
    if (!session) return err({ kind: 'session-not-found', id: input.id });
    let extraArgs: readonly string[] = [];
    if (input.resume) {
      const profile = await this.deps.profiles.get(session.profile);
      if (!profile?.resume || profile.resume.args.length === 0) return err({ kind: 'resume-unsupported', profileId: session.profile });
      extraArgs = profile.resume.args;
    }
    if (isLive(session.status)) {
      // Wait for the end: launching first would just hand back the session being killed.
      const ended = new Promise<void>((resolve) => registry.onExit(input.id, () => resolve()));
      registry.kill(input.id);
      await ended;
    }
    return this.deps.launch.execute({ slug: session.agent, size: session.size, extraArgs });
  }
}
