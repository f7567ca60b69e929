import { err, ok, type Result } from './result';

/**
 * The markdown-with-YAML-frontmatter shape of persona and SKILL.md files. The domain
 * only splits the text; parsing the YAML itself is an adapter's job (the domain has no npm).
 */
export interface FrontmatterParts {
  /** The YAML between the fences, without them. */
  readonly frontmatter: string;
  /** Everything after the closing fence's line. */
  readonly body: string;
}

export type FrontmatterError =
  | { readonly kind: 'frontmatter-missing'; readonly message: string }
  | { readonly kind: 'frontmatter-too-long'; readonly message: string };

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * The frontmatter and the body of a persona or SKILL.md text. With `maxFrontmatter`, a frontmatter
 * longer than that many characters is refused without reading further: the scan for the closing
 * fence stops there, so a file cannot make its reader walk megabytes.
 */
export function splitFrontmatter(source: string, maxFrontmatter = Infinity): Result<FrontmatterParts, FrontmatterError> {
  // A BOM is invisible in most editors; refusing a file because of it would be a riddle for the user.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const firstEnd = lineEnd(text, 0);
  if (!FENCE.test(text.slice(0, firstEnd).replace(/\r$/, ''))) {
    return err({ kind: 'frontmatter-missing', message: 'the file must start with a "---" line opening the YAML frontmatter' });
  }
  const start = firstEnd + 1;
  let at = start;
  while (at <= text.length) {
    const end = lineEnd(text, at);
    if (CLOSE.test(text.slice(at, end).replace(/\r$/, ''))) {
      return ok({ frontmatter: text.slice(start, Math.max(start, at - 1)), body: text.slice(Math.min(end + 1, text.length)) });
    }
    if (end - start > maxFrontmatter) {
      return err({
        kind: 'frontmatter-too-long',
        message: `the YAML frontmatter is longer than ${maxFrontmatter} characters (or never closed by a "---" line), so Tessera does not read it`,
      });
    }
    at = end + 1;
  }
  return err({ kind: 'frontmatter-missing', message: 'the YAML frontmatter is never closed by a "---" line' });
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/**
 * The inverse of splitFrontmatter: `yaml` is already serialized by the adapter. The text ends with
 * a newline, as a POSIX text file does, so a line appended later (`echo >>`) starts a line of its own.
 */
export function joinFrontmatter(yaml: string, body: string): string {
  const head = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  const tail = body === '' || body.endsWith('\n') ? body : `${body}\n`;
  return `---\n${head}---\n${tail}`;
}

/** A short description of a decoded YAML value, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
