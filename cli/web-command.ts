import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppHost } from '../server/composition-root';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, processStopSignal, type CliIo } from './cli-io';
import { definedEnv, userConfigDir } from '../server/config-dir';
import { logLine } from '../server/log-line';
import { randomToken, startWebServer } from '../server/web/web-server';

export interface WebArgs {
  readonly dir?: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
}

const USAGE = 'usage: tessera web [DIR] [--host 127.0.0.1] [--port N] [--token T]';

/** Parses `tessera web` arguments; throws UsageError with one readable line. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  let dir: string | undefined;
  let host = '127.0.0.1';
  let port = 0;
  let token: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value (${USAGE})`);
      return v;
    };
    switch (flag) {
      case '--host':
        host = value();
        break;
      case '--port': {
        const raw = value();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}"`);
        port = n;
        break;
      }
      case '--token':
        token = value();
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${flag} (${USAGE})`);
        if (dir !== undefined) throw new UsageError(`only one project folder can be given (${USAGE})`);
        dir = arg;
    }
  }
  return { ...(dir !== undefined ? { dir } : {}), host, port, ...(token !== undefined ? { token } : {}) };
}

/** True for a host that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `tessera web` runs from the TypeScript sources: its mirror thread loads them through tsx. */
const MIRROR_WORKER = new URL('../adapters/mirror/mirror-worker-boot.mjs', import.meta.url);
/** And so does the thread persona frontmatter is parsed in. */
const FRONTMATTER_WORKER = new URL('../adapters/shared/frontmatter-worker-boot.mjs', import.meta.url);

/** The built renderer, next to this source tree (`dist/renderer` at the repo root). */
export function defaultStaticDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
}

/**
 * `tessera web`: one host, optionally with DIR open, served until a stop signal (SIGINT, SIGTERM,
 * or SIGHUP: the terminal running it closed); then every session's process tree is killed before
 * the process exits.
 */
export async function runWeb(argv: readonly string[], io: CliIo, staticDir: string = defaultStaticDir()): Promise<number> {
  let args: WebArgs;
  try {
    args = parseWebArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tessera web: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const log = (message: string, error?: unknown): void => void io.stderr.write(`${logLine(message, error)}\n`);
  const host = createAppHost({ configDir: userConfigDir(io.env), env: definedEnv(io.env as NodeJS.ProcessEnv), log, mirrorWorker: MIRROR_WORKER, frontmatterWorker: FRONTMATTER_WORKER });
  const stop = (io.stopSignal ?? processStopSignal)();
  try {
    if (args.dir !== undefined) {
      const opened = await host.call('project.open', { path: resolve(io.cwd, args.dir) });
      if (!opened.ok) {
        io.stderr.write(`tessera web: ${opened.error.message}\n`);
        return opened.error.kind === 'internal' ? EXIT_FAILURE : EXIT_USAGE;
      }
    }
    let server;
    try {
      server = await startWebServer(host, { host: args.host, port: args.port, token: args.token ?? randomToken(), staticDir, log });
    } catch (error) {
      io.stderr.write(`tessera web: cannot listen on ${args.host}:${args.port}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
    if (!isLoopback(args.host)) {
      // The server speaks plain HTTP; off loopback the token crosses the network readable.
      io.stderr.write(`tessera web: warning: listening on ${args.host}, beyond this machine, over plain HTTP: the token and everything typed into agents travel unencrypted; use it only on a network you trust (or an SSH tunnel to 127.0.0.1)\n`);
    }
    io.stdout.write(`Tessera web: ${server.url}\n`);
    await stop;
    await server.close();
    return EXIT_OK;
  } finally {
    await host.dispose();
  }
}
