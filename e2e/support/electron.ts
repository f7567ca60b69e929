import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the `electron` package keeps its runtime binary once downloaded (it downloads lazily on first
 * launch). undefined when it is not there, as on machines without network access.
 */
export function electronBinary(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export type E2eTarget = 'web' | 'electron';

export function e2eTarget(): E2eTarget {
  return process.env.TESSERA_E2E_TARGET === 'electron' ? 'electron' : 'web';
}
