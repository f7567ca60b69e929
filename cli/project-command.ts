import { resolve } from 'node:path';
import type { OpenProjectError } from '../application/open-project';
import { printableLine } from '../domain/printable';
import type { Result } from '../domain/result';
import { definedEnv, userConfigDir } from '../server/config-dir';
import { describeError } from '../server/describe-error';
import { EXIT_FAILURE, EXIT_USAGE, type CliIo } from './cli-io';
import { openProjectCatalog, wireProcess, type ProjectCatalog } from '../server/composition-root';

/** What the `agents` and `skills` subcommands need: the process, and a way to open a project's services. */
export interface ProjectCommandDeps {
  readonly io: CliIo;
  /** Opens the project at an absolute path and wires its catalog. */
  readonly open: (root: string) => Promise<Result<ProjectCatalog, OpenProjectError>>;
  /** Reads all of stdin, for `--persona -`. */
  readonly readStdin?: () => Promise<string>;
}

/** The real wiring for the `tessera` binary: config dir from the environment (TESSERA_CONFIG_DIR first). */
export function projectCommandDeps(io: CliIo, readStdin?: () => Promise<string>): ProjectCommandDeps {
  return {
    io,
    ...(readStdin ? { readStdin } : {}),
    open: (root) => openProjectCatalog(wireProcess({ configDir: userConfigDir(io.env), env: definedEnv(io.env as NodeJS.ProcessEnv) }), root),
  };
}

/** Opens `--project DIR` (default: the cwd). A missing folder is the user's mistake (2); an unwritable one a failure (1). */
export async function openFromFlag(deps: ProjectCommandDeps, project: string | undefined, prefix: string): Promise<ProjectCatalog | number> {
  const opened = await deps.open(resolve(deps.io.cwd, project ?? '.'));
  if (opened.ok) return opened.value;
  deps.io.stderr.write(`${prefix}: ${describeError(opened.error)}\n`);
  return opened.error.kind === 'project-not-writable' ? EXIT_FAILURE : EXIT_USAGE;
}

/** One line on stderr, exit 2: what every bad flag gets. */
export function usage(io: CliIo, prefix: string, message: string): number {
  io.stderr.write(`${prefix}: ${message}\n`);
  return EXIT_USAGE;
}

/**
 * Columns padded to their widest cell; the last column is never padded (no trailing spaces). Cells
 * hold what files say (names, descriptions, errors), so each is one printable line.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows.map((row) => row.map(printableLine))];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

/** parseArgs' messages go on with a hint about `--`; the first sentence is the useful part. */
export function argsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).replace(/\. To specify a positional argument.*$/, '');
}

/** YAML errors carry a multi-line excerpt with a caret; a table row keeps the sentence. */
export function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
