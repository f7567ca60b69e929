import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { events as eventSchemas, type EventName, type MethodName } from '../contract/contract';
import type { SessionClient } from '../contract/session-client';
import type { ServerStatusDto } from '../contract/session-protocol';
import type { HostApi, HostEvent } from '../server/host-api';
import type { ServerCommand } from '../server/session/server-connection';
import { SERVER_FLAG } from './program-modes';

/**
 * The desktop app as a client of the session server: the window's IPC (ipc-wrapper.ts) talks to a
 * HostApi, and here that HostApi is a session-protocol connection, so the agents live in the server
 * and outlive the app. Electron-free, so tests drive it with the window faked.
 */

/** The HostApi the IPC wrapper serves the window from, over one session-protocol connection. */
export function sessionHost(client: SessionClient): HostApi {
  return {
    call: (method, params) => client.call(method as MethodName, params as never) as Promise<never>,
    onEvent(listener) {
      const offs = (Object.keys(eventSchemas) as EventName[]).map((name) => client.on(name, (payload) => listener({ name, payload } as HostEvent)));
      return { dispose: () => offs.forEach((off) => off()) };
    },
    attachTerminal(sessionId, view) {
      // The window keeps the credit rules itself; its acks and the server's output pass through as they are.
      const channel = client.openChannel(sessionId, {
        received: (message) => (message instanceof Uint8Array ? view.sendBytes(message) : view.sendControl(message)),
      });
      return { receive: (message) => channel.send(message), detach: () => channel.close() };
    },
  };
}

/**
 * How the desktop app starts the server when none runs, detached so it outlives the app. Packaged, the
 * RunAsNode fuse is off (ELECTRON_RUN_AS_NODE is refused), so the app's own binary runs again with
 * SERVER_FLAG, and runs the server instead of a window (program-modes.ts). From the sources, Node runs
 * `bin/tessera server run --foreground` through tsx, as the command line does.
 */
export function desktopServerCommand(options: { readonly packaged: boolean; readonly execPath: string; readonly repoRoot: string; readonly node: string }): ServerCommand {
  if (options.packaged) return { file: options.execPath, args: [SERVER_FLAG] };
  return { file: options.node, args: [join(options.repoRoot, 'bin', 'tessera'), 'server', 'run', '--foreground'] };
}

/** What to do with running agents when the app quits. */
export type QuitChoice = 'keep' | 'stop';

const DesktopSettingsFile = z.object({ onQuitWithAgents: z.enum(['keep', 'stop']).optional() });

const desktopSettingsPath = (configDir: string): string => join(configDir, 'tessera', 'desktop.json');

/** The remembered answer to the quit question, if the user asked for it to be remembered. */
export function rememberedQuitChoice(configDir: string): QuitChoice | undefined {
  try {
    const parsed = DesktopSettingsFile.safeParse(JSON.parse(readFileSync(desktopSettingsPath(configDir), 'utf8')));
    return parsed.success ? parsed.data.onQuitWithAgents : undefined;
  } catch {
    return undefined;
  }
}

export function rememberQuitChoice(configDir: string, choice: QuitChoice): void {
  const path = desktopSettingsPath(configDir);
  mkdirSync(join(configDir, 'tessera'), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ onQuitWithAgents: choice }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

export interface QuitQuestion {
  /** Agents running in the server, every project's. */
  readonly running: number;
}

/** The user's answer: a choice (remembered or not), or cancel (the app stays open). */
export type QuitAnswer = { readonly choice: QuitChoice; readonly remember: boolean } | 'cancel';

export interface QuitDeps {
  readonly client: SessionClient;
  readonly configDir: string;
  /** Asks "Keep N agents running in the background" / "Stop them" / Cancel, with "Remember my choice". */
  readonly ask: (question: QuitQuestion) => Promise<QuitAnswer>;
}

/**
 * What quitting does: with no agent running, nothing; else the remembered choice or the user's
 * answer. 'stop' stops the server and every agent with it (each process tree killed); 'keep' leaves
 * them running in the server, which the next window, tab or `tessera` command finds.
 */
export async function quitWithAgents(deps: QuitDeps): Promise<{ readonly outcome: 'nothing-running' | 'kept' | 'stopped' | 'cancelled'; readonly running: number }> {
  const status = await deps.client.callServer('server.status', {});
  const running = status.ok ? liveAgents(status.value) : 0;
  if (running === 0) return { outcome: 'nothing-running', running };
  let choice = rememberedQuitChoice(deps.configDir);
  if (choice === undefined) {
    const answer = await deps.ask({ running });
    if (answer === 'cancel') return { outcome: 'cancelled', running };
    choice = answer.choice;
    if (answer.remember) rememberQuitChoice(deps.configDir, choice);
  }
  if (choice === 'keep') return { outcome: 'kept', running };
  const stopped = await deps.client.callServer('server.stop', { force: true });
  return { outcome: stopped.ok ? 'stopped' : 'kept', running };
}

function liveAgents(status: ServerStatusDto): number {
  return status.sessions.filter((session) => session.status !== 'exited' && session.status !== 'failed').length;
}

/** The buttons of the quit question, in the order the dialog shows them. */
export function quitButtons(running: number): readonly string[] {
  return [`Keep ${running} agent${running === 1 ? '' : 's'} running in the background`, 'Stop them', 'Cancel'];
}
