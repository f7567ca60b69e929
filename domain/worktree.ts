/** Where an agent's git worktree lives and which branch it holds (`workspace: worktree`). */
export interface WorktreeLocation {
  /** `<dataDir>/worktrees/<project-name>-<hash>/<slug>`. */
  readonly path: string;
  /** `tessera/<slug>`. */
  readonly branch: string;
}

/** The branch of an agent's worktree: one per agent, named so the user can tell them from their own. */
export function worktreeBranch(slug: string): string {
  return `tessera/${slug}`;
}

/**
 * The folder of an agent's worktree, outside the project (so the user's checkout never sees it) in
 * Tessera's data dir. The project's folder name keeps it recognisable to a person browsing there; the
 * hash of its absolute root keeps two projects of the same name (two clones, say) apart, and the same
 * project always lands on the same folder, so later launches reuse it.
 */
export function worktreeLocation(input: {
  readonly dataDir: string;
  readonly projectRoot: string;
  readonly slug: string;
  /** The platform's path join (the domain has no `node:path`). */
  readonly join: (...segments: string[]) => string;
}): WorktreeLocation {
  const project = `${safeSegment(lastSegment(input.projectRoot))}-${shortHash(input.projectRoot)}`;
  return { path: input.join(input.dataDir, 'worktrees', project, input.slug), branch: worktreeBranch(input.slug) };
}

/**
 * FNV-1a over UTF-16 code units, 32 bits, as 8 hex digits: a stable folder tag, not a security
 * measure (the domain has no crypto, nor TextEncoder).
 */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function lastSegment(path: string): string {
  const parts = path.split(/[/\\]+/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? '';
}

/** A folder name that is safe on every platform; the hash beside it keeps it unique. */
function safeSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 40);
  return safe.length > 0 ? safe : 'project';
}
