import { createInterface } from 'node:readline/promises';
import { EXIT_TIMEOUT, EXIT_USAGE, processStopSignal, type CliIo } from './cli-io';

/** The commands that drive agents through the session server (session-commands.ts). */
const SESSION_COMMANDS: readonly string[] = ['ls', 'send', 'read', 'wait', 'launch', 'stop'];

export const HELP = `Tessera: run several AI coding agents at once on one codebase.

usage:
  tessera [DIR]                                open the desktop app (on DIR)
  tessera web [DIR] [--host H] [--port N] [--token T | --new-token]
                                               serve the app to a browser; prints "Tessera web: <url>"
  tessera ls     [--json]                      the agents of every project: project, agent, status, uptime
  tessera launch AGENT [--trust]               launch an agent in the session server (--trust: trust its project first)
  tessera send   AGENT TEXT                    type TEXT and Enter at the agent's prompt (queued while it is busy)
  tessera read   AGENT [--lines N] [--follow]  the agent's screen as text (--lines N: its last N lines, scrollback included); --follow: then its new output
  tessera wait   AGENT --until idle|needs-input|exited [--timeout S]
                                               exit 0 once reached, 3 on timeout, 1 if it ended first
  tessera attach AGENT                         the agent full screen in this terminal; Ctrl+\\ detaches
  tessera stop   AGENT                         stop an agent (its whole process tree)
  tessera server stop|status|restart [--yes]   the session server that keeps agents running
  tessera mcp                                  the MCP server (stdio) agents Tessera launched get its tools from
  tessera agents list   [--project DIR] [--json]
  tessera agents create --name N [--profile P] [--persona FILE|-] [--skill S]... [--workspace W]
                        [--restart never|on-failure] [--project DIR]
  tessera agents import [--project DIR]
  tessera skills list   [--project DIR] [--json]
  tessera run SLUG      [--project DIR]        run an agent attached to this terminal; exit with its code
  tessera --help

AGENT is a slug of the project of the current folder (--project DIR for another), or PROJECT/SLUG.
Agents run in the session server, which outlives terminals and windows and exits by itself a few
minutes after the last agent and client are gone.
Exit codes: 0 success, 2 bad input, 1 runtime failure (wait: ${EXIT_TIMEOUT} on timeout).
TESSERA_CONFIG_DIR overrides the user config directory; XDG_RUNTIME_DIR holds the server's socket.
`;

/** The `tessera` command line (bin/tessera runs this through tsx). Resolves with the exit code. */
/**
 * The `tessera` command line (bin/tessera runs this through tsx). Resolves with the exit code.
 * Each command's module is loaded when it runs: a script calling `tessera ls` in a loop does not
 * pay for the host's wiring it never uses.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const withStop = { ...io, stopSignal: io.stopSignal ?? processStopSignal };
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'web':
      return (await import('./web-command')).runWeb(rest, io);
    case 'mcp':
      return (await import('./mcp-command')).runMcp(io);
    case 'server':
      return (await import('./server-command')).runServerCommand(rest, { ...io, ...(process.stdin.isTTY ? { confirm: askOnTerminal } : {}) });
    case 'attach': {
      const [{ runAttach }, { processTerminal }] = await Promise.all([import('./attach-command'), import('./run-command')]);
      return runAttach(rest, { io: withStop, terminal: processTerminal() });
    }
    case 'agents': {
      const [{ runAgentsCommand }, { projectCommandDeps }] = await Promise.all([import('./agents-commands'), import('./project-command')]);
      return runAgentsCommand(rest, projectCommandDeps(io, readAllStdin));
    }
    case 'skills': {
      const [{ runSkillsCommand }, { projectCommandDeps }] = await Promise.all([import('./skills-commands'), import('./project-command')]);
      return runSkillsCommand(rest, projectCommandDeps(io, readAllStdin));
    }
    case 'run': {
      const [{ processTerminal, projectSessionsOpener, runCommand }, { userConfigDir }, { sessionRunningInServer }] = await Promise.all([
        import('./run-command'),
        import('../server/config-dir'),
        import('./running-session'),
      ]);
      return runCommand(rest, {
        io: withStop,
        terminal: processTerminal(),
        runningInServer: (root, slug) => sessionRunningInServer(io, root, slug),
        openProject: projectSessionsOpener({ configDir: userConfigDir(io.env), env: io.env, drawnIn: 'caller-terminal' }),
      });
    }
    default:
      if (command !== undefined && SESSION_COMMANDS.includes(command)) return (await import('./session-commands')).runSessionCommand(command, rest, withStop);
      if (command !== undefined && command.startsWith('-')) {
        io.stderr.write(`tessera: unknown option ${command} (see tessera --help)\n`);
        return EXIT_USAGE;
      }
      {
        const unknown = (await import('./unknown-command')).unknownCommandLine(argv, io.cwd);
        if (unknown !== undefined) {
          io.stderr.write(`${unknown}\n`);
          return EXIT_USAGE;
        }
      }
      return (await import('./desktop-command')).runDesktop(argv, io);
  }
}

/** All of stdin as text, for `--persona -`. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A yes/no question on the user's terminal: only "y" or "yes" agrees. */
async function askOnTerminal(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}
