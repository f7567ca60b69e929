import type { ProfileDto, SessionDto } from '../../../contract/contract';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionsState } from './sessions-store';

/** The words a status badge adds in its tooltip: how the session ended. */
export function statusDetail(session: SessionDto | undefined): string | undefined {
  if (!session) return undefined;
  if (session.status === 'failed') return session.reason ?? (session.exitCode !== undefined ? `exit code ${session.exitCode}` : undefined);
  // A kill by signal has a reason and no exit code: the signal, not a made-up "exit code 0".
  if (session.status === 'exited') return session.exitCode !== undefined ? `exit code ${session.exitCode}` : session.reason;
  return statusSourceText(session);
}

const CLI_NAMES: Record<string, string> = { claude: 'Claude', codex: 'Codex', gemini: 'Gemini' };

/** Where a live status was read from, as the tooltip says it: "from Claude's hooks", "from the terminal title". */
export function statusSourceText(session: Pick<SessionDto, 'statusSource' | 'profile'>): string | undefined {
  switch (session.statusSource) {
    case 'hooks':
      return `from ${CLI_NAMES[session.profile] ?? session.profile}'s hooks`;
    case 'notification':
      return 'from the terminal notification';
    case 'title':
      return 'from the terminal title';
    case 'screen':
      return 'from the screen';
    default:
      return undefined;
  }
}

/** A profile that declares `resume` can continue its last conversation (Claude Code `--continue`, Codex `resume --last`). */
export function canResume(profiles: readonly ProfileDto[], profileId: string | undefined): boolean {
  const profile = profiles.find((p) => p.id === profileId);
  return !!profile?.resume && profile.resume.args.length > 0;
}

/** Restart (or resume) the agent's newest session; an error comes back as a sentence for the UI. */
export async function restartAgent(sessions: StoreApi<SessionsState>, session: SessionDto, resume: boolean): Promise<string | undefined> {
  const response = await sessions.getState().restart(session.id, { resume });
  return response.ok ? undefined : response.error.message;
}
