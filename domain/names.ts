import { hasBidiControl } from './printable';
import { err, ok, type Result } from './result';

/**
 * A name that becomes a file or folder name. It can never escape its folder: no separators, no
 * `.`/`..`, nothing absolute, no reserved device names, nothing that trims to empty, and no control
 * character that would make it read as another name. Slugs are lower-case `[a-z0-9-]`, derived from
 * the display name.
 */
export type NameError =
  | { readonly kind: 'name-empty' }
  | { readonly kind: 'name-invalid'; readonly name: string; readonly reason: string };

const RESERVED = new Set([
  'con', 'prn', 'aux', 'nul',
  'com1', 'com2', 'com3', 'com4', 'com5', 'com6', 'com7', 'com8', 'com9',
  'lpt1', 'lpt2', 'lpt3', 'lpt4', 'lpt5', 'lpt6', 'lpt7', 'lpt8', 'lpt9',
]);
const MAX_NAME = 64;

/** Checks a display name (agent or skill) before any slug is derived from it. */
export function parseDisplayName(raw: string): Result<string, NameError> {
  const name = raw.trim();
  if (name.length === 0) return err({ kind: 'name-empty' });
  if (name.length > MAX_NAME) return err({ kind: 'name-invalid', name, reason: `longer than ${MAX_NAME} characters` });
  if (/[/\\]/.test(name)) return err({ kind: 'name-invalid', name, reason: 'contains a path separator' });
  if (name === '.' || name === '..' || name.startsWith('..')) {
    return err({ kind: 'name-invalid', name, reason: 'would point outside its folder' });
  }
  if (/^[a-zA-Z]:/.test(name)) return err({ kind: 'name-invalid', name, reason: 'looks like an absolute path' });
  if (/[\u0000-\u001f<>:"|?*]/.test(name)) return err({ kind: 'name-invalid', name, reason: 'contains a character files cannot hold' });
  if (/[\u007f-\u009f]/.test(name)) return err({ kind: 'name-invalid', name, reason: 'contains a control character' });
  // `adm\u202Eexe.bat` shows as "admtab.exe": a name must read as what it is.
  if (hasBidiControl(name)) return err({ kind: 'name-invalid', name, reason: 'contains a text-direction control character, which would make it read as something else' });
  const stem = name.toLowerCase().split('.')[0] ?? '';
  if (RESERVED.has(stem)) return err({ kind: 'name-invalid', name, reason: 'is a reserved device name' });
  return ok(name);
}

/** The file-safe slug of a display name: `Code Reviewer` -> `code-reviewer`. */
export function slugify(name: string): Result<string, NameError> {
  const checked = parseDisplayName(name);
  if (!checked.ok) return checked;
  const slug = checked.value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length === 0) return err({ kind: 'name-invalid', name: checked.value, reason: 'has no letters or digits' });
  if (RESERVED.has(slug)) return err({ kind: 'name-invalid', name: checked.value, reason: 'is a reserved device name' });
  return ok(slug);
}

/** A slug handed in from outside (a file name, a CLI argument, an RPC payload) is re-checked, never trusted. */
export function parseSlug(raw: string): Result<string, NameError> {
  if (raw.length === 0) return err({ kind: 'name-empty' });
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(raw) || RESERVED.has(raw)) {
    return err({ kind: 'name-invalid', name: raw, reason: 'is not a slug (a-z, 0-9 and -)' });
  }
  return ok(raw);
}
