import type { SessionStatusDto } from '../contract/contract';
import type { ServerSessionDto } from '../contract/session-protocol';

/** A session's status as the session commands read and write it. */

export const isLiveStatus = (status: SessionStatusDto): boolean => status !== 'exited' && status !== 'failed';

/** The status, with the exit code of an ended session. */
export function statusText(s: ServerSessionDto): string {
  return s.exitCode !== undefined && !isLiveStatus(s.status) ? `${s.status} (${s.exitCode})` : s.status;
}
