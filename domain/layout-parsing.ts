import { describeValue, isRecord } from './frontmatter';
import { isRevision, LAYOUT_VERSION, layoutRevisionOf, MIN_LAYOUT_RATIO, type EditorTarget, type Layout, type LayoutError, type LayoutNode, type LoadedLayout, type PaneContent } from './layout';
import { err, ok, type Result } from './result';

/**
 * Turns decoded JSON (`.tessera/layout.json`, untrusted) into a Layout, strictly: any problem,
 * even one readLayoutFile would repair, is reported (the first one). For checking a layout that is
 * about to be written.
 */
export function parseLayout(data: unknown): Result<Layout, LayoutError> {
  const read = readLayout(data);
  if (!read.ok) return read;
  const first = read.value.fixes[0];
  return first === undefined ? ok(read.value.layout) : err({ kind: 'layout-invalid', reason: first.problem });
}

/**
 * Turns decoded JSON from layout.json into a Layout, repairing what can be repaired without
 * guessing (disk is untrusted, and one bad pane must not cost the user the whole layout): a pane whose content is unknown or malformed is dropped, so is a second terminal pane
 * of one agent (the first keeps the agent); a ratio outside (0,1) is clamped; a duplicate id is
 * renamed; a focused/maximized pane that is not in the tree and a non-boolean relaunchOnOpen are
 * ignored. A split that loses a child is replaced by the other. What cannot be repaired (not an
 * object, another version, a node that is neither pane nor split, nesting past 64) is an error.
 */
export function readLayoutFile(data: unknown): Result<LoadedLayout, LayoutError> {
  const read = readLayout(data);
  if (!read.ok) return read;
  return ok({ layout: read.value.layout, repaired: read.value.fixes.map((f) => `${f.problem}: ${f.action}`), revision: layoutRevisionOf(data) });
}

interface Fix {
  readonly problem: string;
  readonly action: string;
}

function readLayout(data: unknown): Result<{ layout: Layout; fixes: Fix[] }, LayoutError> {
  const invalid = (reason: string) => err({ kind: 'layout-invalid' as const, reason });
  if (!isRecord(data)) return invalid(`the layout must be an object, not ${describeValue(data)}`);
  if (data.version !== LAYOUT_VERSION) return invalid(`unsupported layout version ${describeValue(data.version)}`);
  const walk: Walk = { ids: new Set(), terminals: new Set(), fixes: [] };
  let root: LayoutNode | null = null;
  if (data.root !== null && data.root !== undefined) {
    const node = readNode(data.root, 0, walk);
    if (!node.ok) return invalid(node.error);
    root = node.value;
  }
  const layout: { -readonly [K in keyof Layout]: Layout[K] } = { version: LAYOUT_VERSION, root };
  for (const key of ['focused', 'maximized'] as const) {
    const value = data[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') walk.fixes.push({ problem: `"${key}" must be a pane id, not ${describeValue(value)}`, action: 'ignored' });
    else if (!walk.ids.has(value)) walk.fixes.push({ problem: `${key} pane "${value}" is not in the tree`, action: 'ignored' });
    else layout[key] = value;
  }
  if (data.revision !== undefined && !isRevision(data.revision)) {
    walk.fixes.push({ problem: `"revision" must be a whole number from 0, not ${describeValue(data.revision)}`, action: 'taken as 0' });
  }
  if (typeof data.relaunchOnOpen === 'boolean') layout.relaunchOnOpen = data.relaunchOnOpen;
  else if (data.relaunchOnOpen !== undefined) {
    // Off is the safe reading: relaunching runs commands.
    walk.fixes.push({ problem: `"relaunchOnOpen" must be true or false, not ${describeValue(data.relaunchOnOpen)}`, action: 'taken as false' });
  }
  return ok({ layout, fixes: walk.fixes });
}

interface Walk {
  readonly ids: Set<string>;
  readonly terminals: Set<string>;
  readonly fixes: Fix[];
}

/** ok(null): the node was dropped (and the fix recorded); err: the file cannot be used at all. */
function readNode(value: unknown, depth: number, walk: Walk): Result<LayoutNode | null, string> {
  // Checked here: recursion on a hostile file must stop before the stack does.
  if (depth > 64) return err('nested deeper than 64 levels');
  if (!isRecord(value)) return err(`a layout node must be an object, not ${describeValue(value)}`);
  if (typeof value.id !== 'string' || value.id.length === 0 || value.id.length > 64) return err('a layout node needs an "id" of 1 to 64 characters');
  const id = value.id;
  if (value.type === 'pane') {
    const content = readContent(value.content);
    if (!content.ok) {
      walk.fixes.push({ problem: `pane "${id}": ${content.error}`, action: 'dropped the pane' });
      return ok(null);
    }
    if (content.value.kind === 'terminal') {
      const agent = content.value.agent;
      if (walk.terminals.has(agent)) {
        walk.fixes.push({ problem: `agent "${agent}" has two terminal panes`, action: `dropped pane "${id}"` });
        return ok(null);
      }
      walk.terminals.add(agent);
    }
    return ok({ type: 'pane', id: uniqueId(id, walk), content: content.value });
  }
  if (value.type !== 'split') return err(`node "${id}" has type ${describeValue(value.type)}, not pane or split`);
  if (value.direction !== 'row' && value.direction !== 'column') return err(`split "${id}" has direction ${describeValue(value.direction)}`);
  const first = readNode(value.first, depth + 1, walk);
  if (!first.ok) return first;
  const second = readNode(value.second, depth + 1, walk);
  if (!second.ok) return second;
  if (!first.value || !second.value) return ok(first.value ?? second.value);
  return ok({ type: 'split', id: uniqueId(id, walk), direction: value.direction, ratio: readRatio(id, value.ratio, walk), first: first.value, second: second.value });
}

function readRatio(id: string, ratio: unknown, walk: Walk): number {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) {
    walk.fixes.push({ problem: `split "${id}" has no numeric ratio`, action: 'set to 0.5' });
    return 0.5;
  }
  if (ratio > 0 && ratio < 1) return ratio;
  const clamped = Math.min(1 - MIN_LAYOUT_RATIO, Math.max(MIN_LAYOUT_RATIO, ratio));
  walk.fixes.push({ problem: `split "${id}" has ratio ${ratio}, outside (0,1)`, action: `set to ${clamped}` });
  return clamped;
}

function uniqueId(id: string, walk: Walk): string {
  let unique = id;
  for (let n = 2; walk.ids.has(unique); n++) unique = `${id.slice(0, 56)}-${n}`;
  if (unique !== id) walk.fixes.push({ problem: `pane id "${id}" is used twice`, action: `renamed one to "${unique}"` });
  walk.ids.add(unique);
  return unique;
}

function readContent(value: unknown): Result<PaneContent, string> {
  if (!isRecord(value)) return err('a pane needs a "content" object');
  switch (value.kind) {
    case 'empty':
      return ok({ kind: 'empty' });
    case 'terminal':
      return typeof value.agent === 'string' && value.agent.length > 0 ? ok({ kind: 'terminal', agent: value.agent }) : err('a terminal pane needs an "agent"');
    case 'editor': {
      const file = readTarget(value.file);
      return file.ok ? ok({ kind: 'editor', file: file.value }) : file;
    }
    default:
      return err(`pane content kind ${describeValue(value.kind)} is not terminal, editor or empty`);
  }
}

function readTarget(value: unknown): Result<EditorTarget, string> {
  if (!isRecord(value)) return err('an editor pane needs a "file" object');
  if (value.kind === 'agent' && typeof value.slug === 'string') return ok({ kind: 'agent', slug: value.slug });
  if (value.kind === 'skill' && typeof value.name === 'string' && (value.scope === 'project' || value.scope === 'global')) {
    return ok({ kind: 'skill', name: value.name, scope: value.scope });
  }
  return err('an editor pane\'s "file" must be {kind: agent, slug} or {kind: skill, name, scope}');
}

/**
 * True when writing the layout this file holds loses nothing of the file: it is a valid layout (with
 * a valid revision, or none) and holds no key Tessera does not know (a key from a newer version, or
 * one the user added by hand). Anything else is copied aside before a save writes over it.
 */
export function takesAsItIs(data: unknown): boolean {
  const parsed = parseLayout(data);
  if (!parsed.ok || !isRecord(data)) return false;
  const { revision: _revision, ...layout } = data;
  return sameJson(parsed.value, layout);
}

/**
 * The revision guarding layout.json's text; undefined when the text does not load as a layout at
 * all, which leaves nothing to guard (a save takes it over, after its copy is kept).
 */
export function revisionOfLayoutText(text: string): number | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return readLayoutFile(data).ok ? layoutRevisionOf(data) : undefined;
}

/** The text of layout.json holding `layout` as revision `revision`. */
export function layoutFileText(layout: Layout, revision: number): string {
  const { version, ...rest } = layout;
  return `${JSON.stringify({ version, revision, ...rest }, null, 2)}\n`;
}

/** Deep equality of decoded JSON values, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  if (keys.length !== Object.keys(b).filter((key) => b[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

/** How many copies of layout.json a project keeps before a save over yet another bad file is refused. */
export const MAX_LAYOUT_BACKUPS = 20;

/** The n-th copy's file name (from 1): `layout.json.bak`, then `layout.json.2.bak`, `layout.json.3.bak`, ... */
export function layoutBackupName(n: number): string {
  return n === 1 ? 'layout.json.bak' : `layout.json.${n}.bak`;
}
