import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user config directory `<config>` (Tessera keeps its files in `<config>/tessera/`):
 * `TESSERA_CONFIG_DIR` when set (tests and portable setups), else the platform's convention.
 */
export function userConfigDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.TESSERA_CONFIG_DIR) return env.TESSERA_CONFIG_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

/** The process environment without unset entries, as the use cases take it. */
export function definedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
