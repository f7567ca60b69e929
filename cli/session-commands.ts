import { parseArgs } from 'node:util';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './cli-io';
import { CommandError } from './command-error';
import { argsMessage, table } from './project-command';
import { openServer } from './server-connection';
import { formatDuration, lastLines } from './session-format';
import { findSession, latestPerAgent, openProject, parseAgent, projectRoot, requireLive, rootOfOpenProject, serverSessions } from './session-lookup';
import { isLiveStatus, statusText } from './session-status';
import { follow, WAIT_TARGETS, waitFor, type WaitTarget } from './session-watch';

/**
 * The commands that drive agents through the session server, for people and for scripts:
 * ls, send, read, wait, launch, stop (attach is in attach-command.ts). AGENT is a slug of the
 * project of the current folder (or of `--project DIR`), or `PROJECT/SLUG` with the name of a
 * project the server has open. Errors are one line: exit 2 for bad input, 1 for the rest.
 */

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
        uptimeSeconds: isLiveStatus(s.status) ? Math.max(0, Math.round((now - s.startedAt) / 1000)) : null,
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT_OK;
    }
    if (sessions.length === 0) {
      io.stdout.write('No agents running.\n');
      return EXIT_OK;
    }
    const rows = sessions.map((s) => [s.project.name, s.agent, statusText(s), isLiveStatus(s.status) ? formatDuration(now - s.startedAt) : '-']);
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
      else if (outcome?.outcome === 'skipped' && outcome.reason === 'asking-a-question') {
        throw new CommandError(`${live.agent} is asking a question (a menu, a permission or a yes/no prompt): answer it first (tessera attach ${live.agent})`);
      } else throw new CommandError(`${live.agent} is not running`);
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
        // --lines reaches into the scrollback: the last N lines, whether on screen or scrolled off.
        const shot = await client.call('sessions.snapshot', { id: session.id, ...(lines !== undefined ? { scrollbackLines: lines } : {}) });
        if (!shot.ok) throw new CommandError(shot.error.message);
        io.stdout.write(lastLines(shot.value.text, lines));
      };
      if (!values.follow || !isLiveStatus(session.status)) {
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
          if (changed.id === live.id && !isLiveStatus(changed.status)) {
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
