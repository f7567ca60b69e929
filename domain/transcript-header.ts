import type { SessionInfo } from './session';

/**
 * The line written into an agent's transcript when one of its sessions starts, so
 * sessions that follow one another in `<slug>.log` read as separate runs. It starts on a line of
 * its own whatever the previous session left half-written. Time is UTC from the session's own
 * start time (the domain reads no clock). The terminal size the session started at ends the
 * parentheses (`, 120x40`): a replay of the run draws at that size, so what the agent drew with
 * cursor moves lands where it did.
 */
export function sessionHeader(info: Pick<SessionInfo, 'id' | 'agentName' | 'profile' | 'pid' | 'startedAt' | 'size'>): string {
  const when = new Date(info.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `\r\n──── ${info.agentName}: session ${info.id} started ${when} (profile ${info.profile}, pid ${info.pid}, ${info.size.cols}x${info.size.rows}) ────\r\n`;
}
