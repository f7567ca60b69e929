import type { SessionInfo } from './session';

/**
 * The line written into an agent's transcript when one of its sessions starts, so
 * sessions that follow one another in `<slug>.log` read as separate runs. It starts on a line of
 * its own whatever the previous session left half-written. Time is UTC from the session's own
 * start time (the domain reads no clock).
 */
export function sessionHeader(info: Pick<SessionInfo, 'id' | 'agentName' | 'profile' | 'pid' | 'startedAt'>): string {
  const when = new Date(info.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `\r\n──── ${info.agentName}: session ${info.id} started ${when} (profile ${info.profile}, pid ${info.pid}) ────\r\n`;
}
