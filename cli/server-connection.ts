import { join } from 'node:path';
import type { SessionClient } from '../contract/session-client';
import type { ClientKind } from '../contract/session-protocol';
import type { Result } from '../domain/result';
import { runtimeDir } from '../server/session/runtime-dir';
import { connectOnce as connectToServer, openServer as openSessionServer, type ServerConnectError } from '../server/session/server-connection';
import { appVersion, repoRoot } from './app-version';
import type { CliIo } from './cli-io';

/**
 * How every command reaches the session server (server/session/server-connection.ts): started on
 * demand as `tessera server run --foreground` under this Node, detached from this terminal.
 */

export type { ServerConnectError };

export interface OpenServerOptions {
  /** Start the server when none runs (launching, `tessera web`); reading commands do not. */
  readonly start: boolean;
  readonly client?: ClientKind;
}

export function openServer(io: CliIo, options: OpenServerOptions): Promise<Result<SessionClient, ServerConnectError>> {
  return openSessionServer({
    dir: runtimeDir(io.env),
    app: appVersion(io.env),
    client: options.client ?? 'script',
    env: io.env,
    ...(options.start ? { start: { file: process.execPath, args: [join(repoRoot, 'bin', 'tessera'), 'server', 'run', '--foreground'] } } : {}),
  });
}

/** Connects to a running server, without starting one. */
export function connectOnce(dir: string, client: ClientKind, env: Readonly<Record<string, string | undefined>>): Promise<Result<SessionClient, ServerConnectError>> {
  return connectToServer(dir, client, appVersion(env));
}
