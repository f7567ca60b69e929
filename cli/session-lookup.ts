import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SessionClient } from '../contract/session-client';
import type { ServerSessionDto } from '../contract/session-protocol';
import { err, ok, type Result } from '../domain/result';
import { EXIT_FAILURE, EXIT_USAGE, type CliIo } from './cli-io';
import { CommandError } from './command-error';
import { isLiveStatus, statusText } from './session-status';
import { openServer } from './server-connection';

/**
 * Finding the session a command names: AGENT is a slug of the project of the current folder (or of
 * `--project DIR`), or `PROJECT/SLUG` with the name of a project the server has open.
 */

/** `SLUG` or `PROJECT/SLUG`. */
export function parseAgent(raw: string): { readonly project?: string; readonly slug: string } {
  const slash = raw.lastIndexOf('/');
  const slug = slash >= 0 ? raw.slice(slash + 1) : raw;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(slug)) throw new CommandError(`"${raw}" is not an agent (a slug like reviewer, or project/reviewer)`, EXIT_USAGE);
  return slash >= 0 ? { project: raw.slice(0, slash), slug } : { slug };
}

/**
 * The project a command run here means: the nearest folder, from `--project DIR` (or the current
 * folder) upwards, that has a `.tessera/` folder; else that folder itself.
 */
export function projectRoot(io: CliIo, flag: string | undefined): string {
  const start = resolve(io.cwd, flag ?? '.');
  if (flag !== undefined && !isDirectory(start)) throw new CommandError(`${start} is not a folder`, EXIT_USAGE);
  for (let dir = start; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, '.tessera'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export async function findSession(io: CliIo, raw: string, projectFlag: string | undefined): Promise<{ client: SessionClient; session: ServerSessionDto }> {
  const target = parseAgent(raw);
  const client = await openServer(io, { start: false });
  if (!client.ok) {
    if (client.error.kind === 'server-not-running') throw new CommandError(`${raw} is not running (no Tessera server is running)`);
    throw new CommandError(client.error.message);
  }
  const found = await (async (): Promise<Result<ServerSessionDto, string>> => {
    const sessions = await serverSessions(client.value);
    const mine = sessions.filter((s) => s.agent === target.slug);
    const inProject =
      target.project !== undefined
        ? mine.filter((s) => s.project.name === target.project || s.project.root === target.project)
        : mine.filter((s) => sameFolder(s.project.root, projectRoot(io, projectFlag)));
    const latest = latestPerAgent(inProject)[0];
    if (latest) return ok(latest);
    const where = target.project !== undefined ? `project ${target.project}` : projectRoot(io, projectFlag);
    const elsewhere = mine.length > 0 ? ` (it runs in ${[...new Set(mine.map((s) => s.project.name))].join(', ')}: say PROJECT/${target.slug})` : '';
    return err(`${target.slug} has not run in ${where} since the server started${elsewhere}`);
  })().catch((error: unknown) => {
    client.value.close();
    throw error;
  });
  if (!found.ok) {
    client.value.close();
    throw new CommandError(found.error);
  }
  return { client: client.value, session: found.value };
}

export async function serverSessions(client: SessionClient): Promise<ServerSessionDto[]> {
  const status = await client.callServer('server.status', {});
  if (!status.ok) throw new CommandError(status.error.message);
  return status.value.sessions;
}

export async function rootOfOpenProject(client: SessionClient, name: string): Promise<string> {
  const status = await client.callServer('server.status', {});
  if (!status.ok) throw new CommandError(status.error.message);
  const project = status.value.projects.find((p) => p.name === name || p.root === name);
  if (!project) throw new CommandError(`no project named ${name} is open in Tessera (use --project DIR)`, EXIT_USAGE);
  return project.root;
}

export async function openProject(client: SessionClient, root: string): Promise<void> {
  const opened = await client.call('project.open', { path: root });
  if (!opened.ok) throw new CommandError(opened.error.message, opened.error.kind === 'project-not-found' ? EXIT_USAGE : EXIT_FAILURE);
}

export function requireLive(session: ServerSessionDto): ServerSessionDto {
  if (!isLiveStatus(session.status)) throw new CommandError(`${session.agent} is not running (${statusText(session)})`);
  return session;
}

/** Per project and agent, the running session, else the latest one; ordered by project, then agent. */
export function latestPerAgent(sessions: readonly ServerSessionDto[]): ServerSessionDto[] {
  const best = new Map<string, ServerSessionDto>();
  for (const s of sessions) {
    const key = `${s.project.root}\0${s.agent}`;
    const held = best.get(key);
    const better = !held || (isLiveStatus(s.status) && !isLiveStatus(held.status)) || (isLiveStatus(s.status) === isLiveStatus(held.status) && s.startedAt > held.startedAt);
    if (better) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => a.project.name.localeCompare(b.project.name) || a.agent.localeCompare(b.agent));
}


/** Whether two paths name one folder (links resolved). */
export function sameFolder(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

