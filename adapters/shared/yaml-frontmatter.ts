import { isMap, isPair, isScalar, isSeq, parseDocument, stringify as stringifyYaml } from 'yaml';
import { joinFrontmatter, splitFrontmatter } from '../../domain/frontmatter';
import { printable } from '../../domain/printable';
import { err, ok, type Result } from '../../domain/result';

/**
 * How much YAML one frontmatter may hold. Any repository can ship a persona file, and its YAML is
 * parsed before anyone is asked whether to trust it, so the parse must be cheap whatever the file
 * says. A real frontmatter is a dozen lines; these leave it a hundred times that.
 */
export const FRONTMATTER_LIMITS = {
  /** Characters between the fences: bounds the parse (64 KiB parse in about a quarter of a second at worst). */
  chars: 64 * 1024,
  /** Mapping keys and list items, every level counted. */
  entries: 1000,
  /** Mappings and lists inside each other. */
  depth: 16,
  /** Aliases expanded (`*a`): a few anchors must not unfold into millions of values. */
  aliases: 100,
} as const;

export interface Frontmatter {
  readonly data: unknown;
  readonly body: string;
}

/**
 * Reads a markdown file's YAML frontmatter and its body: what every agent, skill and Claude
 * subagent file is read with, by the real stores and their in-memory fakes alike. The error is one
 * message for the user, already free of control characters; the caller wraps it in its own error kind.
 */
export interface FrontmatterReader {
  read(source: string): Promise<Result<Frontmatter, string>>;
}

/** Splits on this thread, then parses the YAML through `parse` (this thread, or the frontmatter thread). */
export async function readFrontmatterWith(source: string, parse: (yaml: string) => Promise<Result<unknown, string>>): Promise<Result<Frontmatter, string>> {
  const parts = splitFrontmatter(source, FRONTMATTER_LIMITS.chars);
  if (!parts.ok) return err(parts.error.message);
  const data = await parse(parts.value.frontmatter);
  return data.ok ? ok({ data: data.value, body: parts.value.body }) : data;
}

/** Parses on the calling thread: the CLI's one-shot commands and the tests; the host uses FrontmatterThread. */
export const frontmatterOnThisThread: FrontmatterReader = {
  read: (source) => readFrontmatterWith(source, async (yaml) => parseFrontmatterYaml(yaml)),
};

/**
 * The YAML between the fences as a plain value, within FRONTMATTER_LIMITS. Duplicate keys are found
 * here in one pass (the library's own check compares every key with every other one, which made a
 * file of 40 000 keys a 20-second parse); the library's warnings are silenced, since they quote the
 * file to stderr as it is, escape sequences and all.
 */
export function parseFrontmatterYaml(yaml: string): Result<unknown, string> {
  if (yaml.length > FRONTMATTER_LIMITS.chars) return err(`the YAML frontmatter is longer than ${FRONTMATTER_LIMITS.chars} characters, so Tessera does not read it`);
  if (flowNesting(yaml) > FRONTMATTER_LIMITS.depth) return err(`the frontmatter nests mappings and lists more than ${FRONTMATTER_LIMITS.depth} deep`);
  try {
    const doc = parseDocument(yaml, { uniqueKeys: false, logLevel: 'silent', prettyErrors: true });
    const first = doc.errors[0];
    if (first) return err(`the frontmatter is not valid YAML: ${printable(first.message)}`);
    const shape = checkShape(doc.contents);
    if (!shape.ok) return shape;
    return ok(doc.toJS({ maxAliasCount: FRONTMATTER_LIMITS.aliases }));
  } catch (error) {
    // The library throws for an alias bomb, and the stack overflows on nesting beyond any limit.
    return err(`the frontmatter is not valid YAML: ${printable(error instanceof Error ? error.message : String(error))}`);
  }
}

/**
 * The deepest nesting of `[` and `{` in the text, read before the parser sees it: a few files of
 * thousands of nested brackets, each well under the size limit, exhaust the parser's memory, which no
 * check after the parse can prevent. Brackets in quoted strings and comments count as well (telling
 * them apart is the parser's job, and a mistake here would let a file through), so a value with more
 * than the depth limit of nested brackets is refused rather than risked. Nesting by indentation needs
 * a line per level and so stays within what the size limit allows.
 */
export function flowNesting(yaml: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of yaml) {
    if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return deepest;
}

/** The file text for `data` as YAML frontmatter above `body`. */
export function writeFrontmatter(data: unknown, body: string): string {
  return joinFrontmatter(stringifyYaml(data), body);
}

/** Counts entries and depth without recursion (a deep file must not overflow the stack) and finds duplicate keys. */
function checkShape(root: unknown): Result<void, string> {
  let entries = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth + 1 > FRONTMATTER_LIMITS.depth) return err(`the frontmatter nests mappings and lists more than ${FRONTMATTER_LIMITS.depth} deep`);
    entries += node.items.length;
    if (entries > FRONTMATTER_LIMITS.entries) return err(`the frontmatter holds more than ${FRONTMATTER_LIMITS.entries} keys and list items`);
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyOf(pair.key);
        if (key !== undefined) {
          if (seen.has(key.id)) return err(`the frontmatter has the key "${printable(key.text.slice(0, 60))}" twice`);
          seen.add(key.id);
        }
        stack.push({ node: pair.key, depth: depth + 1 }, { node: pair.value, depth: depth + 1 });
      }
    } else {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return ok(undefined);
}

/** A scalar key as the value it reads as (`1` and `"1"` differ); undefined for a collection or alias key. */
function keyOf(key: unknown): { readonly id: string; readonly text: string } | undefined {
  if (isScalar(key)) return { id: `${typeof key.value}:${String(key.value)}`, text: String(key.value) };
  if (key === null) return { id: 'null', text: '' };
  return undefined;
}
