import { err, ok, type Result } from './result';

/**
 * The markdown-with-YAML-frontmatter shape of persona and SKILL.md files (DESIGN §2). The domain
 * only splits the text; parsing the YAML itself is an adapter's job (the domain has no npm).
 */
export interface FrontmatterParts {
  /** The YAML between the fences, without them. */
  readonly frontmatter: string;
  /** Everything after the closing fence's line. */
  readonly body: string;
}

export type FrontmatterError = { readonly kind: 'frontmatter-missing'; readonly message: string };

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function splitFrontmatter(source: string): Result<FrontmatterParts, FrontmatterError> {
  // A BOM is invisible in most editors; refusing a file because of it would be a riddle for the user.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = text.split('\n');
  const first = lines[0];
  if (first === undefined || !FENCE.test(first.replace(/\r$/, ''))) {
    return err({ kind: 'frontmatter-missing', message: 'the file must start with a "---" line opening the YAML frontmatter' });
  }
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (CLOSE.test(line)) {
      return ok({ frontmatter: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') });
    }
  }
  return err({ kind: 'frontmatter-missing', message: 'the YAML frontmatter is never closed by a "---" line' });
}

/** The inverse of splitFrontmatter: `yaml` is already serialized by the adapter. */
export function joinFrontmatter(yaml: string, body: string): string {
  const head = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  return `---\n${head}---\n${body}`;
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
