import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DomainError } from '../domain/result';
import { describeError } from '../server/describe-error';
import { fileURLToPath } from 'node:url';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './cli-io';
import { openServer } from './server-connection';

export interface WebArgs {
  readonly dir?: string;
  /** Absent: where the server serves already, else loopback. */
  readonly host?: string;
  /** Absent: the remembered port (a free one the first time). */
  readonly port?: number;
  readonly token?: string;
  readonly newToken: boolean;
}

const USAGE = 'usage: tessera web [DIR] [--host 127.0.0.1] [--port N] [--token T | --new-token]';

/** Parses `tessera web` arguments; throws UsageError with one readable line. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  let dir: string | undefined;
  let host: string | undefined;
  let port: number | undefined;
  let token: string | undefined;
  let newToken = false;
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
      case '--new-token':
        newToken = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${flag} (${USAGE})`);
        if (dir !== undefined) throw new UsageError(`only one project folder can be given (${USAGE})`);
        dir = arg;
    }
  }
  if (token !== undefined && newToken) throw new UsageError(`--token and --new-token do not go together (${USAGE})`);
  return { ...(dir !== undefined ? { dir } : {}), ...(host !== undefined ? { host } : {}), ...(port !== undefined ? { port } : {}), ...(token !== undefined ? { token } : {}), newToken };
}

/** True for a host that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The built renderer, next to this source tree (`dist/renderer` at the repo root). */
export function defaultStaticDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
}

/**
 * `tessera web [DIR]`: makes sure the session server runs and serves browsers, opens DIR for them,
 * prints `Tessera web: <url>` and exits 0; the agents keep running in the server. The port and the
 * credential are remembered, so the address stays the same across restarts; `--new-token` changes
 * the credential (pages opened with the old one must be opened again).
 */
export async function runWeb(argv: readonly string[], io: CliIo): Promise<number> {
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
  const dir = args.dir === undefined ? undefined : resolve(io.cwd, args.dir);
  // A mistyped folder starts no server.
  if (dir !== undefined && !existsSync(dir)) {
    io.stderr.write(`tessera web: ${describeError({ kind: 'project-not-found', path: dir } as DomainError)}\n`);
    return EXIT_USAGE;
  }
  const client = await openServer(io, { start: true });
  if (!client.ok) {
    io.stderr.write(`tessera web: ${client.error.message}\n`);
    return EXIT_FAILURE;
  }
  try {
    const served = await client.value.callServer('server.web', {
      ...(dir !== undefined ? { project: dir } : {}),
      ...(args.host !== undefined ? { host: args.host } : {}),
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.token !== undefined ? { token: args.token } : {}),
      newToken: args.newToken,
    });
    if (!served.ok) {
      io.stderr.write(`tessera web: ${served.error.message}\n`);
      const badInput = ['project-not-found', 'project-not-a-directory', 'project-is-filesystem-root', 'project-path-relative', 'invalid-params'].includes(served.error.kind);
      return badInput ? EXIT_USAGE : EXIT_FAILURE;
    }
    const { url, host, port, portTaken } = served.value;
    if (portTaken !== undefined) io.stderr.write(`tessera web: port ${portTaken} is taken; serving on ${port} instead (remembered from now on)\n`);
    if (!isLoopback(host)) {
      // The server speaks plain HTTP; off loopback the token crosses the network readable.
      io.stderr.write(`tessera web: warning: listening on ${host}, beyond this machine, over plain HTTP: the token and everything typed into agents travel unencrypted; use it only on a network you trust (or an SSH tunnel to 127.0.0.1)\n`);
    }
    io.stdout.write(`Tessera web: ${url}\n`);
    return EXIT_OK;
  } finally {
    client.value.close();
  }
}
