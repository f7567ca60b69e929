import { readFileSync } from 'node:fs';

/**
 * True while a process with this id runs. A zombie (ended, not yet reaped by its parent) still
 * answers signal 0 but runs nothing: it counts as gone. For tests that wait on a process to end.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // Without /proc (macOS), signal 0 is all there is to go on.
    return process.platform !== 'linux';
  }
}
