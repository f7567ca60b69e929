import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Disposable } from '../domain/ports/disposable';
import type { DomainError, Result } from '../domain/result';
import type { TerminalSize } from '../domain/session';
import type { ServerSessionDto } from '../contract/session-protocol';
import { openProjectSessions, wireProcess, type ProcessSettings, type ProjectSessions } from '../server/composition-root';
import { describeError } from '../server/describe-error';
import { EXIT_FAILURE, EXIT_USAGE, type CliIo } from './cli-io';

/** The terminal `tessera run` is attached to (the process' own, or a fake in tests). */
export interface RunTerminal {
  readonly isTTY: boolean;
  /** undefined when not a terminal: the agent then gets 80x24. */
  size(): TerminalSize | undefined;
  setRawMode(raw: boolean): void;
  onInput(listener: (data: string) => void): Disposable;
  /** SIGWINCH: the window changed size. */
  onResize(listener: () => void): Disposable;
  write(data: string): void;
}

export interface RunCommandDeps {
  readonly io: CliIo;
  readonly terminal: RunTerminal;
  /** The project's sessions, wired by the composition root; an error is printed as it is described. */
  readonly openProject: (root: string) => Promise<Result<RunSessions, DomainError>>;
  /** The live session of the agent that the session server runs for this project, if it runs one. */
  readonly runningInServer: (root: string, slug: string) => Promise<ServerSessionDto | undefined>;
}

/** What `tessera run` uses of a project's sessions; `settle` writes out what their transcripts gather. */
export type RunSessions = Pick<ProjectSessions, 'launch' | 'registry' | 'resize'> & { settle?(): Promise<void> };

const USAGE = 'usage: tessera run SLUG [--project DIR]';

/**
 * `tessera run SLUG [--project DIR]`: launches the agent exactly as the app would (same context,
 * same workspace) but attached to this terminal: raw input, output straight to stdout, window size
 * followed. Resolves with the agent's exit code. SIGINT/SIGTERM to tessera kill the agent's whole tree.
 */
export async function runCommand(argv: readonly string[], deps: RunCommandDeps): Promise<number> {
  const { io, terminal } = deps;
  const parsed = parseArgs(argv);
  if ('usage' in parsed) {
    io.stderr.write(`tessera run: ${parsed.usage}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (!terminal.isTTY) {
    // A full-screen agent waits for a terminal's answers that a pipe never gives: it would hang.
    io.stderr.write(
      `tessera run: standard input is not a terminal, and the agent needs one to draw in; from a script, use \`tessera launch ${parsed.slug}\`, then \`tessera send\`, \`tessera read\` and \`tessera wait\`\n`,
    );
    return EXIT_USAGE;
  }
  const root = resolve(io.cwd, parsed.project ?? '.');
  if (!isDirectory(root)) {
    io.stderr.write(`tessera run: ${root} is not a folder\n`);
    return EXIT_USAGE;
  }
  const running = await deps.runningInServer(root, parsed.slug);
  if (running) {
    // A second session would share the first one's workspace and transcript, and neither would know.
    const project = parsed.project === undefined ? '' : ` --project ${parsed.project}`;
    io.stderr.write(
      `tessera run: ${parsed.slug} already runs in the Tessera server (project ${running.project.name}, pid ${running.pid}); use \`tessera attach ${parsed.slug}${project}\` to work with it here, or \`tessera read ${parsed.slug}${project}\` to see its screen\n`,
    );
    return EXIT_FAILURE;
  }
  const opened = await deps.openProject(root);
  if (!opened.ok) {
    io.stderr.write(`tessera run: ${describeError(opened.error)}\n`);
    return EXIT_FAILURE;
  }
  const services = opened.value;
  const launched = await services.launch.execute({ slug: parsed.slug, size: terminal.size() ?? { cols: 80, rows: 24 } });
  if (!launched.ok) {
    io.stderr.write(`tessera run: ${describeError(launched.error)}\n`);
    const badInput = ['name-empty', 'name-invalid', 'agent-not-found'].includes(launched.error.kind);
    return badInput ? EXIT_USAGE : EXIT_FAILURE;
  }
  const session = launched.value;
  if (session.missingSkills.length > 0) io.stderr.write(`tessera run: skills not found: ${session.missingSkills.join(', ')}\n`);
  const source = services.registry.terminal(session.id);
  if (!source) return EXIT_FAILURE;

  const subscriptions: Disposable[] = [];
  const exit = new Promise<number>((done) => {
    subscriptions.push(source.onExit((info) => done(info.code ?? EXIT_FAILURE)));
  });
  subscriptions.push(
    source.onOutput((data) => terminal.write(data)),
    terminal.onInput((data) => source.write(data)),
    terminal.onResize(() => {
      const size = terminal.size();
      if (size) void services.resize.execute({ id: session.id, ...size });
    }),
  );
  // Raw: every key (Ctrl-C included) goes to the agent, as in the app's pane.
  terminal.setRawMode(true);
  let stopped = false;
  void io.stopSignal?.().then(() => {
    stopped = true;
    services.registry.kill(session.id);
  });
  try {
    const code = await exit;
    return stopped && code === 0 ? EXIT_FAILURE : code;
  } finally {
    terminal.setRawMode(false);
    for (const sub of subscriptions) sub.dispose();
    await services.settle?.();
  }
}

/** `openProject` over the real project files (opens, and on first use initializes, the folder). */
export function projectSessionsOpener(settings: ProcessSettings): RunCommandDeps['openProject'] {
  return (root) => openProjectSessions(wireProcess(settings), root);
}

/** The process' own terminal. */
export function processTerminal(): RunTerminal {
  const { stdin, stdout } = process;
  return {
    isTTY: Boolean(stdin.isTTY),
    size: () => (stdout.isTTY && stdout.columns && stdout.rows ? { cols: stdout.columns, rows: stdout.rows } : undefined),
    setRawMode: (raw) => {
      if (stdin.isTTY) stdin.setRawMode(raw);
    },
    onInput: (listener) => {
      const onData = (chunk: Buffer | string): void => listener(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      stdin.on('data', onData);
      stdin.resume();
      return {
        dispose: () => {
          stdin.off('data', onData);
          // Let the process end: a paused stdin holds no handle open.
          stdin.pause();
        },
      };
    },
    onResize: (listener) => {
      stdout.on('resize', listener);
      return { dispose: () => void stdout.off('resize', listener) };
    },
    write: (data) => void stdout.write(data),
  };
}

function parseArgs(argv: readonly string[]): { slug: string; project?: string } | { usage: string } {
  let slug: string | undefined;
  let project: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--project') {
      const value = argv[++i];
      if (value === undefined) return { usage: '--project needs a folder' };
      project = value;
    } else if (arg.startsWith('--project=')) project = arg.slice('--project='.length);
    else if (arg.startsWith('-')) return { usage: `unknown option ${arg}` };
    else if (slug === undefined) slug = arg;
    else return { usage: `unexpected argument ${arg}` };
  }
  if (slug === undefined) return { usage: 'which agent? give its slug' };
  return project === undefined ? { slug } : { slug, project };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
