import { z } from 'zod';
import { terminalCols, terminalRows } from '../terminal-size';

/** The fields several areas of the contract share: names that can never be paths, and terminal sizes. */

/** The shape domain/names.ts parseSlug accepts: a name sent here can never be a path. */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const slug = z.string().regex(SLUG_PATTERN, 'not a slug (a-z, 0-9 and -, at most 64)');
export const skillName = z.string().regex(SLUG_PATTERN, 'not a skill name (a-z, 0-9 and -, at most 64)');
export const scope = z.enum(['project', 'global']);
export const workspace = z.enum(['run-dir', 'project', 'worktree']);
export const cols = terminalCols;
export const rows = terminalRows;
export const stringMap = z.record(z.string(), z.string());
