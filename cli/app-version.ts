import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * This program's version (package.json): a server of another version is refused and offered a
 * restart. TESSERA_APP_VERSION stands in for it, so a version change can be tried without two builds.
 */
export function appVersion(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const given = givenVersion(env);
  if (given !== undefined) return given;
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** The version TESSERA_APP_VERSION stands in with, when it is one. */
export function givenVersion(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const given = env.TESSERA_APP_VERSION;
  return given !== undefined && /^[\w.+-]{1,100}$/.test(given) ? given : undefined;
}
