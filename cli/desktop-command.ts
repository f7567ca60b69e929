import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_FAILURE, EXIT_USAGE, type CliIo } from './cli-io';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the `electron` package keeps its runtime binary, without loading the package: its index.js
 * downloads the binary when absent, which must never happen behind a user's back (or offline).
 */
export function electronBinary(): string | undefined {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** `tessera [DIR]`: the desktop app, with DIR open. Resolves with Electron's exit code. */
export async function runDesktop(
  argv: readonly string[],
  io: CliIo,
  locate: { binary: () => string | undefined; mainBundle: string } = { binary: electronBinary, mainBundle: join(repoRoot, 'dist', 'electron', 'main.cjs') },
): Promise<number> {
  if (argv.length > 1) {
    io.stderr.write(`tessera: only one project folder can be given (see tessera --help)\n`);
    return EXIT_USAGE;
  }
  const dir = argv[0] === undefined ? undefined : resolve(io.cwd, argv[0]);
  if (dir !== undefined && !isDirectory(dir)) {
    io.stderr.write(`tessera: ${dir} is not a folder\n`);
    return EXIT_USAGE;
  }
  const binary = locate.binary();
  if (!binary) {
    io.stderr.write(
      `tessera: the desktop runtime (Electron) could not be downloaded when the packages were installed, so the desktop app cannot start here; \`npm run web\` (or \`tessera web${dir ? ` ${argv[0]}` : ''}\`) runs the same app in a browser.\n`,
    );
    return EXIT_FAILURE;
  }
  if (!existsSync(locate.mainBundle)) {
    io.stderr.write(`tessera: the desktop app is not built (no ${locate.mainBundle}); run \`npm run build\` first.\n`);
    return EXIT_FAILURE;
  }
  const args = [locate.mainBundle, ...(dir ? [`--tessera-project=${dir}`] : [])];
  const child = spawn(binary, args, { stdio: 'inherit', env: { ...process.env } as NodeJS.ProcessEnv });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolvePromise) => {
    child.on('error', (error) => {
      io.stderr.write(`tessera: could not start Electron: ${error.message}\n`);
      resolvePromise(EXIT_FAILURE);
    });
    child.on('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? EXIT_FAILURE);
    });
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
