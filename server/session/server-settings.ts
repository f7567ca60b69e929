import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `<config>/tessera/server.json` (0600): what makes the browser address the same across restarts
 * (the port and the credential), and the idle delay. Tessera writes it; a user may edit it.
 */
const ServerSettingsFile = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  token: z.string().min(1).max(500).optional(),
  /** The server exits after this long with no agent running and no client connected. */
  idleExitSeconds: z.number().min(1).max(7 * 24 * 3600).optional(),
  /**
   * False: every agent keeps its full CPU share, typed in or not (ForegroundCpuShares). A user writes
   * this one by hand: a value that is not a boolean is ignored rather than costing the port and token.
   */
  agentsYieldCpu: z.boolean().optional().catch(undefined),
});
export type ServerSettings = z.infer<typeof ServerSettingsFile>;

/** The server exits on its own after five minutes with nothing to do. */
export const DEFAULT_IDLE_EXIT_MS = 5 * 60_000;

export const serverSettingsPath = (configDir: string): string => join(configDir, 'tessera', 'server.json');

/** The file's settings; a missing or unreadable file reads as none (it is rewritten whole on the next change). */
export function readServerSettings(configDir: string): ServerSettings {
  try {
    const parsed = ServerSettingsFile.safeParse(JSON.parse(readFileSync(serverSettingsPath(configDir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Writes `settings` over what the file holds, keeping every other field as it is there (a user's field
 * Tessera does not read, or one it ignores because its value is not one it takes), through a private
 * temp file, so the credential is never readable by others, even briefly.
 */
export function writeServerSettings(configDir: string, settings: ServerSettings): void {
  const path = serverSettingsPath(configDir);
  mkdirSync(join(configDir, 'tessera'), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ ...fileFields(path), ...definedFields(settings) }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/** The file's fields as written, whatever they hold; none when it is missing or not a JSON object. */
function fileFields(path: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function definedFields(settings: ServerSettings): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** The idle delay: TESSERA_SERVER_IDLE_SECONDS, then server.json, then the default. */
export function idleExitMs(env: Readonly<Record<string, string | undefined>>, settings: ServerSettings): number {
  const fromEnv = Number(env.TESSERA_SERVER_IDLE_SECONDS);
  if (env.TESSERA_SERVER_IDLE_SECONDS && Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv * 1000;
  return settings.idleExitSeconds !== undefined ? settings.idleExitSeconds * 1000 : DEFAULT_IDLE_EXIT_MS;
}
