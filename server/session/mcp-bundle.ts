import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { err, ok, type Result } from '../../domain/result';

/**
 * `tessera mcp` prebuilt: the MCP server and what it imports bundled into one file, which Node loads
 * without the TypeScript loader that running the sources costs every agent. The build writes beside it
 * a manifest naming every file the bundle was made from with a hash of its content; the host runs the
 * bundle only when each of those files still holds what it held then, and otherwise `tessera mcp` from
 * the sources, so a developer who edited the tools without rebuilding never gets the old ones.
 *
 * Contents, not modification times, decide: a checkout, a copy that keeps times, or a reinstall of a
 * package (whose files may all carry one fixed time) can leave a time unchanged and the content not.
 */

/** Where the build puts the bundle and its manifest, from the repository's root. */
export const MCP_BUNDLE = join('dist', 'mcp', 'tessera-mcp.mjs');
export const MCP_BUNDLE_MANIFEST = join('dist', 'mcp', 'tessera-mcp.inputs.json');
/** The module the bundle is built from: a manifest that does not list it describes some other build. */
export const MCP_BUNDLE_ENTRY = 'cli/mcp-program.ts';

interface HashedFile {
  /** From the repository's root, with '/' between folders. */
  readonly path: string;
  readonly sha256: string;
}

interface McpBundleManifest {
  readonly format: 1;
  readonly bundle: HashedFile;
  readonly inputs: readonly HashedFile[];
}

export type McpBundleError =
  | { readonly kind: 'mcp-bundle-absent'; readonly message: string }
  | { readonly kind: 'mcp-bundle-stale'; readonly message: string; readonly file: string };

/**
 * Records what the bundle at `root`/MCP_BUNDLE was built from: `inputs` are paths from `root` (what
 * esbuild's metafile lists, and any file whose change should rebuild it). Written last and by rename,
 * so a host never reads half a manifest, and a bundle without its manifest is never run.
 */
export function writeMcpBundleManifest(root: string, inputs: readonly string[]): void {
  const manifest: McpBundleManifest = {
    format: 1,
    bundle: hashed(root, MCP_BUNDLE),
    inputs: [...new Set(inputs)].sort().map((path) => hashed(root, path)),
  };
  const target = join(root, MCP_BUNDLE_MANIFEST);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(partial, target);
}

/**
 * The bundle's absolute path when it was built from the files as they are now; else why not. Reads
 * every input once (about 1.7 MB): meant to run once, when the host starts.
 */
export function freshMcpBundle(root: string): Result<string, McpBundleError> {
  let manifest: McpBundleManifest;
  try {
    manifest = parseManifest(JSON.parse(readFileSync(join(root, MCP_BUNDLE_MANIFEST), 'utf8')));
  } catch {
    return err({ kind: 'mcp-bundle-absent', message: `no usable ${MCP_BUNDLE_MANIFEST}: the MCP server is not built` });
  }
  for (const file of [manifest.bundle, ...manifest.inputs]) {
    if (contentHash(root, file.path) !== file.sha256) {
      return err({ kind: 'mcp-bundle-stale', file: file.path, message: `${file.path} changed since the MCP server was built` });
    }
  }
  return ok(resolve(root, MCP_BUNDLE));
}

/**
 * The prebuilt `tessera mcp` to hand agents when it is up to date (freshMcpBundle); else undefined,
 * once `log` has said why agents run it from the sources. Called once, when a server starts.
 */
export function mcpBundleForAgents(root: string, log: (message: string) => void): string | undefined {
  const bundle = freshMcpBundle(root);
  if (bundle.ok) return bundle.value;
  log(`agents run tessera mcp from the sources (slower to start, more memory each): ${bundle.error.message}; \`npm run build:mcp\` builds it`);
  return undefined;
}

function hashed(root: string, path: string): HashedFile {
  const absolute = resolve(root, path);
  const sha256 = contentHash(root, path);
  if (sha256 === undefined) throw new Error(`cannot read ${absolute}, an input of the MCP bundle`);
  return { path: toPosix(relative(root, absolute)), sha256 };
}

/** The file's content hash; undefined when it cannot be read (gone, say). */
function contentHash(root: string, path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(resolve(root, path))).digest('hex');
  } catch {
    return undefined;
  }
}

function parseManifest(value: unknown): McpBundleManifest {
  const file = (entry: unknown): HashedFile => {
    const { path, sha256 } = (entry ?? {}) as Partial<HashedFile>;
    if (typeof path !== 'string' || typeof sha256 !== 'string' || !insideRepository(path)) throw new Error('not a hashed file');
    return { path, sha256 };
  };
  const { format, bundle, inputs } = (value ?? {}) as Partial<McpBundleManifest>;
  if (format !== 1 || !Array.isArray(inputs)) throw new Error('not a manifest');
  const manifest = { format, bundle: file(bundle), inputs: inputs.map(file) };
  // The host runs MCP_BUNDLE and nothing else the manifest might name; a manifest without the entry
  // point vouches for no source, however many files it lists.
  if (manifest.bundle.path !== toPosix(MCP_BUNDLE)) throw new Error('not the bundle');
  if (!manifest.inputs.some((input) => input.path === MCP_BUNDLE_ENTRY)) throw new Error('not built from the entry point');
  return manifest;
}

/** A path from the repository's root, in the form `hashed` writes: relative, normalised, and not leaving the root. */
function insideRepository(path: string): boolean {
  return !isAbsolute(path) && path === toPosix(normalize(path)) && path !== '..' && !path.startsWith('../');
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
