import { printable, printableLine } from '../domain/printable';

/**
 * One entry of the host's log as it goes to stderr. The message and the error's message often carry
 * what a file said (a persona's YAML, a folder's name), so they are made one printable line: no
 * escape sequence reaches the terminal running Tessera and no file can forge a line of its own. An
 * Error's stack frames follow on lines of their own; they come from Tessera's code.
 */
export function logLine(message: string, error?: unknown): string {
  const head = `[tessera] ${printableLine(message)}`;
  if (error === undefined) return head;
  if (!(error instanceof Error)) return `${head}: ${printableLine(String(error))}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${head}: ${printableLine(error.message)}`, ...frames.map((line) => printable(line))].join('\n');
}
