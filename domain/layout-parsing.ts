import { describeValue, isRecord } from './frontmatter';
import { LAYOUT_VERSION, validateLayout, type EditorTarget, type Layout, type LayoutError, type LayoutNode, type PaneContent } from './layout';
import { err, ok, type Result } from './result';

/**
 * Turns decoded JSON (`.tessera/layout.json`, untrusted) into a Layout: the shape is checked
 * here, then the rules of validateLayout. The first problem is reported.
 */
export function parseLayout(data: unknown): Result<Layout, LayoutError> {
  const invalid = (reason: string) => err({ kind: 'layout-invalid' as const, reason });
  if (!isRecord(data)) return invalid(`the layout must be an object, not ${describeValue(data)}`);
  if (data.version !== LAYOUT_VERSION) return invalid(`unsupported layout version ${describeValue(data.version)}`);
  let root: LayoutNode | null = null;
  if (data.root !== null && data.root !== undefined) {
    const node = parseNode(data.root, 0);
    if (!node.ok) return invalid(node.error);
    root = node.value;
  }
  for (const key of ['focused', 'maximized'] as const) {
    if (data[key] !== undefined && typeof data[key] !== 'string') return invalid(`"${key}" must be a pane id`);
  }
  if (data.relaunchOnOpen !== undefined && typeof data.relaunchOnOpen !== 'boolean') return invalid('"relaunchOnOpen" must be true or false');
  return validateLayout({
    version: LAYOUT_VERSION,
    root,
    ...(typeof data.focused === 'string' ? { focused: data.focused } : {}),
    ...(typeof data.maximized === 'string' ? { maximized: data.maximized } : {}),
    ...(typeof data.relaunchOnOpen === 'boolean' ? { relaunchOnOpen: data.relaunchOnOpen } : {}),
  });
}

function parseNode(value: unknown, depth: number): Result<LayoutNode, string> {
  // Checked here too: recursion on a hostile file must stop before the stack does.
  if (depth > 64) return err('nested deeper than 64 levels');
  if (!isRecord(value)) return err(`a layout node must be an object, not ${describeValue(value)}`);
  if (typeof value.id !== 'string' || value.id.length === 0 || value.id.length > 64) return err('a layout node needs an "id" of 1 to 64 characters');
  if (value.type === 'pane') {
    const content = parseContent(value.content);
    return content.ok ? ok({ type: 'pane', id: value.id, content: content.value }) : content;
  }
  if (value.type !== 'split') return err(`node "${value.id}" has type ${describeValue(value.type)}, not pane or split`);
  if (value.direction !== 'row' && value.direction !== 'column') return err(`split "${value.id}" has direction ${describeValue(value.direction)}`);
  if (typeof value.ratio !== 'number') return err(`split "${value.id}" has no numeric ratio`);
  const first = parseNode(value.first, depth + 1);
  if (!first.ok) return first;
  const second = parseNode(value.second, depth + 1);
  if (!second.ok) return second;
  return ok({ type: 'split', id: value.id, direction: value.direction, ratio: value.ratio, first: first.value, second: second.value });
}

function parseContent(value: unknown): Result<PaneContent, string> {
  if (!isRecord(value)) return err('a pane needs a "content" object');
  switch (value.kind) {
    case 'empty':
      return ok({ kind: 'empty' });
    case 'terminal':
      return typeof value.agent === 'string' && value.agent.length > 0 ? ok({ kind: 'terminal', agent: value.agent }) : err('a terminal pane needs an "agent"');
    case 'editor': {
      const file = parseTarget(value.file);
      return file.ok ? ok({ kind: 'editor', file: file.value }) : file;
    }
    default:
      return err(`pane content kind ${describeValue(value.kind)} is not terminal, editor or empty`);
  }
}

function parseTarget(value: unknown): Result<EditorTarget, string> {
  if (!isRecord(value)) return err('an editor pane needs a "file" object');
  if (value.kind === 'agent' && typeof value.slug === 'string') return ok({ kind: 'agent', slug: value.slug });
  if (value.kind === 'skill' && typeof value.name === 'string' && (value.scope === 'project' || value.scope === 'global')) {
    return ok({ kind: 'skill', name: value.name, scope: value.scope });
  }
  return err('an editor pane\'s "file" must be {kind: agent, slug} or {kind: skill, name, scope}');
}
