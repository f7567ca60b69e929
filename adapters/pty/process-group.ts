import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process in the session a PTY child leads. node-pty makes the child a session leader,
 * so its session holds the whole tree, including jobs a shell moved to their own process groups.
 */
export function sessionMembers(sessionId: number): number[] {
  if (process.platform === 'linux') return fromProc(sessionId);
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,sess='], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([pid, sid]) => sid === sessionId && pid !== undefined && pid > 0)
      .map(([pid]) => pid as number);
  } catch {
    return [];
  }
}

function fromProc(sessionId: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: parse after its last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state, ppid, pgrp, session.
      if (Number(fields[3]) === sessionId && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

/** Sends a signal to the group and to every session member; ESRCH (already gone) is fine. */
export function signalSession(leader: number, signal: NodeJS.Signals): void {
  trySignal(-leader, signal);
  for (const pid of sessionMembers(leader)) trySignal(pid, signal);
}

export function sessionAlive(leader: number): boolean {
  return sessionMembers(leader).length > 0 || trySignal(-leader, 0);
}

function trySignal(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
