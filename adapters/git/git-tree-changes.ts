import type { FileStatus } from '../../domain/ports/checkpoints.port';
import { nulFields } from './git-process';

/** What git prints about trees and working files (raw diffs, porcelain status), read into entries and changes. */

export interface TreeEntry {
  readonly mode: string;
  readonly id: string;
}

/** One file of a raw diff between two trees: its entry on each side (undefined where it is absent). */
export interface RawChange {
  readonly path: string;
  readonly status: string;
  readonly before: TreeEntry | undefined;
  readonly after: TreeEntry | undefined;
}

/** The paths `git status --porcelain=v2 -z` says differ on disk from the index: changed, unmerged or untracked. */
export function changedCandidates(status: string): string[] {
  const paths: string[] = [];
  const fields = nulFields(status);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const kind = field[0];
    if (kind === '?') paths.push(field.slice(2));
    else if (kind === '1') {
      const parts = splitN(field, 9);
      const worktree = parts[1]?.[1];
      if (worktree !== '.' && worktree !== 'D') paths.push(parts[8]!);
    } else if (kind === 'u') paths.push(splitN(field, 11)[10]!);
    // A rename entry carries its old path in the next field.
    else if (kind === '2') i++;
  }
  return paths;
}

/** `text` split at the first `count - 1` spaces: the last part keeps its spaces (a path). */
export function splitN(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf(' ');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/** `:<old mode> <new mode> <old id> <new id> <status>` for `path`. */
export function rawChange(header: string, path: string): RawChange {
  const [oldMode = '', newMode = '', oldId = '', newId = '', status = ''] = header.slice(1).split(' ');
  const side = (mode: string, id: string) => (/^0+$/.test(mode) ? undefined : { mode, id });
  return { path, status: status.charAt(0), before: side(oldMode, oldId), after: side(newMode, newId) };
}

export function statusOf(letter: string): FileStatus {
  switch (letter) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'T':
      return 'type-changed';
    default:
      return 'modified';
  }
}

export function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.mode === b.mode && a.id === b.id;
}

export function isRegularFile(entry: TreeEntry): boolean {
  return entry.mode === '100644' || entry.mode === '100755';
}
