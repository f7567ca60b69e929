import { userConfigDir } from '../server/config-dir';
import { runWeb } from './web-command';
import { runAgentsCommand } from './agents-commands';
import { EXIT_USAGE, processStopSignal, type CliIo } from './cli-io';
import { runDesktop } from './desktop-command';
import { projectCommandDeps } from './project-command';
import { processTerminal, projectSessionsOpener, runCommand } from './run-command';
import { runSkillsCommand } from './skills-commands';

export const HELP = `Tessera: run several AI coding agents at once on one codebase.

usage:
  tessera [DIR]                                open the desktop app (on DIR)
  tessera web [DIR] [--host H] [--port N] [--token T]
                                               serve the app to a browser; prints "Tessera web: <url>"
  tessera agents list   [--project DIR] [--json]
  tessera agents create --name N [--profile P] [--persona FILE|-] [--skill S]... [--workspace W]
                        [--restart never|on-failure] [--project DIR]
  tessera agents import [--project DIR]
  tessera skills list   [--project DIR] [--json]
  tessera run SLUG      [--project DIR]        run an agent attached to this terminal; exit with its code
  tessera --help

Exit codes: 0 success, 2 bad input, 1 runtime failure.
TESSERA_CONFIG_DIR overrides the user config directory.
`;

/** The `tessera` command line (bin/tessera runs this through tsx). Resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'web':
      return runWeb(rest, io);
    case 'agents':
      return runAgentsCommand(rest, projectCommandDeps(io, readAllStdin));
    case 'skills':
      return runSkillsCommand(rest, projectCommandDeps(io, readAllStdin));
    case 'run':
      return runCommand(rest, {
        io: { ...io, stopSignal: io.stopSignal ?? processStopSignal },
        terminal: processTerminal(),
        openProject: projectSessionsOpener({ configDir: userConfigDir(io.env), env: io.env }),
      });
    default:
      if (command !== undefined && command.startsWith('-')) {
        io.stderr.write(`tessera: unknown option ${command} (see tessera --help)\n`);
        return EXIT_USAGE;
      }
      return runDesktop(argv, io);
  }
}

/** All of stdin as text, for `--persona -`. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
