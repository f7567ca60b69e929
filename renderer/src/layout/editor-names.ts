import type { EditorTarget } from './layout-tree';

/** The file an editor shows, as its pane's title names it. */
export const editorFileName = (file: EditorTarget) => (file.kind === 'agent' ? `${file.slug}.md` : `${file.name}/SKILL.md`);

/**
 * The file as people and tests name it: a global skill says so, because a project skill of the same
 * name may be open beside it and two regions must never share a name.
 */
export const editorDisplayName = (file: EditorTarget) => `${editorFileName(file)}${file.kind === 'skill' && file.scope === 'global' ? ' (global)' : ''}`;

/** "a", "a and b", "a, b and c". */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
