import { readdirSync, readFileSync } from 'node:fs';

/**
 * What tests read of real processes from Linux's /proc, independently of the code under test: the
 * session a process is in, and who is in a session. A zombie counts as gone.
 */

/** The session `pid` is in; undefined once it is gone or a zombie. */
export function sessionOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : Number(fields[3]);
  } catch {
    return undefined;
  }
}

/** Live members of a session. */
export function sessionMembers(session: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => sessionOf(pid) === session);
}
