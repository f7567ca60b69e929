import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SessionStatusDto } from '../contract/contract';
import type { SessionClient } from '../contract/session-client';
import type { ServerSessionDto } from '../contract/session-protocol';
import { err, ok, type Result } from '../domain/result';
import { EXIT_FAILURE, EXIT_OK, EXIT_TIMEOUT, EXIT_USAGE, type CliIo } from './cli-io';
import { argsMessage, table } from './project-command';
import { openServer } from './server-connection';
import { TerminalText } from './terminal-text';

/**
 * The commands that drive agents through the session server, for people and for scripts:
 * ls, send, read, wait, launch, stop (attach is in attach-command.ts). AGENT is a slug of the
 * project of the current folder (or of `--project DIR`), or `PROJECT/SLUG` with the name of a
 * project the server has open. Errors are one line: exit 2 for bad input, 1 for the rest.
 */


const WAIT_TARGETS = ['idle', 'needs-input', 'exited'] as const;
type WaitTarget = (typeof WAIT_TARGETS)[number];

/** A command's failure: one line on stderr, and its exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

const isLive = (status: SessionStatusDto): boolean => status !== 'exited' && status !== 'failed';
export const isLiveStatus = isLive;

export async function runSessionCommand(command: string, argv: readonly string[], io: CliIo): Promise<number> {
  const run = commands[command];
  if (!run) return fail(io, command, `unknown command ${command}`, EXIT_USAGE);
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CommandError) return fail(io, command, error.message, error.code);
    throw error;
  }
}

const commands: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  ls: async (argv, io) => {
    const { values } = parse(argv, { json: { type: 'boolean' } }, 0);
    const client = await openServer(io, { start: false });
    if (!client.ok) {
      if (client.error.kind !== 'server-not-running') throw new CommandError(client.error.message);
      io.stdout.write(values.json ? '[]\n' : 'No agents running (no Tessera server is running).\n');
      return EXIT_OK;
    }
    const sessions = latestPerAgent(await serverSessions(client.value));
    client.value.close();
    const now = Date.now();
    if (values.json) {
      const rows = sessions.map((s) => ({
        project: s.project.name,
        root: s.project.root,
        agent: s.agent,
        name: s.agentName,
        status: s.status,
        ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
        id: s.id,
        pid: s.pid,
        startedAt: s.startedAt,
        uptimeSeconds: isLive(s.status) ? Math.max(0, Math.round((now - s.startedAt) / 1000)) : null,
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT_OK;
    }
    if (sessions.length === 0) {
      io.stdout.write('No agents running.\n');
      return EXIT_OK;
    }
    const rows = sessions.map((s) => [s.project.name, s.agent, statusText(s), isLive(s.status) ? formatDuration(now - s.startedAt) : '-']);
    io.stdout.write(table(['PROJECT', 'AGENT', 'STATUS', 'UPTIME'], rows));
    return EXIT_OK;
  },

  send: async (argv, io) => {
    const { values, positionals } = parse(argv, { project: { type: 'string' } }, -1);
    const [agent, ...words] = positionals;
    if (agent === undefined || words.length === 0) throw new CommandError('usage: tessera send AGENT TEXT [--project DIR]', EXIT_USAGE);
    const text = words.join(' ');
    const { client, session } = await findSession(io, agent, values.project);
    try {
      const live = requireLive(session);
      await openProject(client, live.project.root);
      const sent = await client.call('sessions.send', { message: text, to: [live.id] });
      if (!sent.ok) throw new CommandError(sent.error.message, sent.error.kind === 'message-empty' ? EXIT_USAGE : EXIT_FAILURE);
      const outcome = sent.value[0];
      if (outcome?.outcome === 'sent') io.stdout.write(`Sent to ${live.agent}.\n`);
      else if (outcome?.outcome === 'queued') io.stdout.write(`Queued for ${live.agent}: it is ${outcome.status ?? 'busy'}; it gets the message at its next prompt.\n`);
      else throw new CommandError(`${live.agent} is not running`);
      return EXIT_OK;
    } finally {
      client.close();
    }
  },

  read: async (argv, io) => {
    const { values, positionals } = parse(argv, { project: { type: 'string' }, lines: { type: 'string' }, follow: { type: 'boolean', short: 'f' } }, 1);
    const lines = values.lines === undefined ? undefined : Number(values.lines);
    if (lines !== undefined && (!Number.isInteger(lines) || lines < 1)) throw new CommandError(`--lines must be a positive whole number, not "${values.lines}"`, EXIT_USAGE);
    const { client, session } = await findSession(io, positionals[0] as string, values.project);
    try {
      const screen = async (): Promise<void> => {
        const shot = await client.call('sessions.snapshot', { id: session.id });
        if (!shot.ok) throw new CommandError(shot.error.message);
        io.stdout.write(lastLines(shot.value.text, lines));
      };
      if (!values.follow || !isLive(session.status)) {
        await openProject(client, session.project.root);
        await screen();
        return EXIT_OK;
      }
      await openProject(client, session.project.root);
      return await follow(io, client, session.id, screen);
    } finally {
      client.close();
    }
  },

  wait: async (argv, io) => {
    const { values, positionals } = parse(argv, { project: { type: 'string' }, until: { type: 'string' }, timeout: { type: 'string' } }, 1);
    const until = values.until as WaitTarget | undefined;
    if (until === undefined || !WAIT_TARGETS.includes(until)) throw new CommandError(`--until must be one of ${WAIT_TARGETS.join(', ')}`, EXIT_USAGE);
    const timeoutS = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutS !== undefined && !(Number.isFinite(timeoutS) && timeoutS > 0)) throw new CommandError(`--timeout must be a number of seconds, not "${values.timeout}"`, EXIT_USAGE);
    const { client, session } = await findSession(io, positionals[0] as string, values.project);
    try {
      return await waitFor(io, client, session, until, timeoutS);
    } finally {
      client.close();
    }
  },

  launch: async (argv, io) => {
    const { values, positionals } = parse(argv, { project: { type: 'string' }, trust: { type: 'boolean' } }, 1);
    const target = parseAgent(positionals[0] as string);
    const client = await openServer(io, { start: true });
    if (!client.ok) throw new CommandError(client.error.message);
    try {
      const root = target.project !== undefined ? await rootOfOpenProject(client.value, target.project) : projectRoot(io, values.project);
      await openProject(client.value, root);
      const size = process.stdout.isTTY && process.stdout.columns ? { cols: process.stdout.columns, rows: process.stdout.rows } : { cols: 120, rows: 32 };
      if (values.trust) {
        const trusted = await client.value.call('project.trust', {});
        if (!trusted.ok) throw new CommandError(trusted.error.message);
      }
      const launched = await client.value.call('agents.launch', { slug: target.slug, ...size });
      if (!launched.ok && launched.error.kind === 'project-untrusted') throw new CommandError(`${launched.error.message} (review the command, then pass --trust)`);
      if (!launched.ok) {
        const badInput = ['agent-not-found', 'name-invalid', 'invalid-params'].includes(launched.error.kind);
        throw new CommandError(launched.error.message, badInput ? EXIT_USAGE : EXIT_FAILURE);
      }
      io.stdout.write(`Launched ${launched.value.agent} (pid ${launched.value.pid}).\n`);
      if (launched.value.missingSkills.length > 0) io.stderr.write(`tessera launch: warning: launched without skills not found: ${launched.value.missingSkills.join(', ')}\n`);
      return EXIT_OK;
    } finally {
      client.value.close();
    }
  },

  stop: async (argv, io) => {
    const { values, positionals } = parse(argv, { project: { type: 'string' } }, 1);
    const { client, session } = await findSession(io, positionals[0] as string, values.project);
    try {
      const live = requireLive(session);
      await openProject(client, live.project.root);
      const exited = new Promise<void>((done) => {
        const off = client.on('sessions.changed', (changed) => {
          if (changed.id === live.id && !isLive(changed.status)) {
            off();
            done();
          }
        });
      });
      const killed = await client.call('sessions.kill', { id: live.id });
      if (!killed.ok) throw new CommandError(killed.error.message);
      await exited;
      io.stdout.write(`Stopped ${live.agent}.\n`);
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};

/** What `tessera read --follow` prints after the screen: the new output as text, until the agent exits or the user stops it. */
async function follow(io: CliIo, client: SessionClient, sessionId: string, screen: () => Promise<void>): Promise<number> {
  const text = new TerminalText();
  let screenShown = false;
  let pending: Uint8Array[] = [];
  return new Promise<number>((resolvePromise) => {
    const attachment = client.attachTerminal(sessionId, {
      snapshot: (data) => {
        attachment.ack(data.length);
        if (screenShown) return;
        // The stream's snapshot marks the moment: the screen as text now, then what follows it.
        void screen().then(() => {
          screenShown = true;
          for (const bytes of pending) io.stdout.write(text.push(bytes));
          pending = [];
        });
      },
      data: (bytes) => {
        attachment.ack(bytes.byteLength);
        if (screenShown) io.stdout.write(text.push(bytes));
        else pending.push(bytes);
      },
      exit: () => {
        io.stdout.write(text.flush());
        attachment.close();
        resolvePromise(EXIT_OK);
      },
    });
    void io.stopSignal?.().then(() => {
      attachment.close();
      resolvePromise(EXIT_OK);
    });
  });
}

async function waitFor(io: CliIo, client: SessionClient, session: ServerSessionDto, until: WaitTarget, timeoutS: number | undefined): Promise<number> {
  const reached = (status: SessionStatusDto): boolean => (until === 'exited' ? !isLive(status) : status === until);
  if (reached(session.status)) return done(session.status);
  if (!isLive(session.status)) throw new CommandError(`${session.agent} is not running (${statusText(session)})`);
  await openProject(client, session.project.root);
  return new Promise<number>((resolvePromise) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      off();
      if (timer) clearTimeout(timer);
      resolvePromise(code);
    };
    const off = client.on('sessions.changed', (changed) => {
      if (changed.id !== session.id) return;
      if (reached(changed.status)) return finish(done(changed.status));
      if (!isLive(changed.status)) {
        io.stderr.write(`tessera wait: ${session.agent} ended (${changed.status}${changed.exitCode !== undefined ? ` ${changed.exitCode}` : ''}) before it was ${until}\n`);
        finish(EXIT_FAILURE);
      }
    });
    client.onClose((reason) => {
      if (finished) return;
      io.stderr.write(`tessera wait: ${reason}\n`);
      finish(EXIT_FAILURE);
    });
    if (timeoutS !== undefined) {
      timer = setTimeout(() => {
        io.stderr.write(`tessera wait: ${session.agent} was not ${until} after ${timeoutS} s\n`);
        finish(EXIT_TIMEOUT);
      }, timeoutS * 1000);
    }
    // The status may have moved between the listing and the subscription.
    void client.call('sessions.list', {}).then((list) => {
      const now = list.ok ? list.value.find((s) => s.id === session.id) : undefined;
      if (now && reached(now.status)) finish(done(now.status));
    });
  });

  function done(status: SessionStatusDto): number {
    io.stdout.write(`${session.agent}: ${status}\n`);
    return EXIT_OK;
  }
}

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

async function serverSessions(client: SessionClient): Promise<ServerSessionDto[]> {
  const status = await client.callServer('server.status', {});
  if (!status.ok) throw new CommandError(status.error.message);
  return status.value.sessions;
}

async function rootOfOpenProject(client: SessionClient, name: string): Promise<string> {
  const status = await client.callServer('server.status', {});
  if (!status.ok) throw new CommandError(status.error.message);
  const project = status.value.projects.find((p) => p.name === name || p.root === name);
  if (!project) throw new CommandError(`no project named ${name} is open in Tessera (use --project DIR)`, EXIT_USAGE);
  return project.root;
}

async function openProject(client: SessionClient, root: string): Promise<void> {
  const opened = await client.call('project.open', { path: root });
  if (!opened.ok) throw new CommandError(opened.error.message, opened.error.kind === 'project-not-found' ? EXIT_USAGE : EXIT_FAILURE);
}

function requireLive(session: ServerSessionDto): ServerSessionDto {
  if (!isLive(session.status)) throw new CommandError(`${session.agent} is not running (${statusText(session)})`);
  return session;
}

/** Per project and agent, the running session, else the latest one; ordered by project, then agent. */
function latestPerAgent(sessions: readonly ServerSessionDto[]): ServerSessionDto[] {
  const best = new Map<string, ServerSessionDto>();
  for (const s of sessions) {
    const key = `${s.project.root}\0${s.agent}`;
    const held = best.get(key);
    const better = !held || (isLive(s.status) && !isLive(held.status)) || (isLive(s.status) === isLive(held.status) && s.startedAt > held.startedAt);
    if (better) best.set(key, s);
  }
  return [...best.values()].sort((a, b) => a.project.name.localeCompare(b.project.name) || a.agent.localeCompare(b.agent));
}

function statusText(s: ServerSessionDto): string {
  return s.exitCode !== undefined && !isLive(s.status) ? `${s.status} (${s.exitCode})` : s.status;
}

/** `2h05m`, `4m09s`, `12s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The screen without its blank tail; the last `n` lines of it when asked. */
export function lastLines(text: string, n: number | undefined): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const kept = n === undefined ? lines : lines.slice(-n);
  return kept.join('\n') + '\n';
}

function sameFolder(a: string, b: string): boolean {
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

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs with one-line errors; `positionals` is how many AGENT-like arguments must come (-1: at least one, any number). */
function parse<O extends Options>(argv: readonly string[], options: O, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: options as Options, allowPositionals: positionals !== 0, strict: true });
  } catch (error) {
    throw new CommandError(argsMessage(error), EXIT_USAGE);
  }
  if (positionals > 0 && parsed.positionals.length !== positionals) {
    throw new CommandError(parsed.positionals.length === 0 ? 'which agent? give its slug (or project/slug)' : `unexpected argument ${parsed.positionals[positionals] ?? ''}`, EXIT_USAGE);
  }
  return parsed as { values: { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string }; positionals: string[] };
}

function fail(io: CliIo, command: string, message: string, code: number): number {
  io.stderr.write(`tessera ${command}: ${message}\n`);
  return code;
}
