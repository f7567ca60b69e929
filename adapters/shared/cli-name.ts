import { basename } from 'node:path';

/** Which CLI a profile's command runs, by its program's name (`/opt/bin/claude`, `codex.cmd`). */
export function cliOf(command: string): string {
  return basename(command).replace(/\.(exe|cmd)$/i, '').toLowerCase();
}
