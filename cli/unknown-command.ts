import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Every command `tessera` knows, for telling a mistyped one from a folder to open. */
const COMMANDS: readonly string[] = ['web', 'ls', 'launch', 'send', 'read', 'wait', 'attach', 'stop', 'server', 'agents', 'skills', 'run', 'help'];

/**
 * The one line for `tessera WORD ...` when WORD is no command and no folder but reads as a mistyped
 * command (a bare word followed by more arguments, or one or two letters from a command), or
 * undefined when it should be taken as the folder to open.
 */
export function unknownCommandLine(argv: readonly string[], cwd: string): string | undefined {
  const [word] = argv;
  if (word === undefined || !/^[a-z][a-z-]*$/i.test(word) || isDirectory(resolve(cwd, word))) return undefined;
  const near = COMMANDS.filter((command) => editDistance(word.toLowerCase(), command) <= 2).sort((a, b) => editDistance(word, a) - editDistance(word, b))[0];
  if (near === undefined && argv.length < 2) return undefined;
  return `tessera: unknown command "${word}"${near ? ` (did you mean "tessera ${near}"?)` : ''}; see tessera --help`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
