import { build } from 'esbuild';
import { MCP_BUNDLE_ENTRY } from '../server/session/mcp-bundle';

/**
 * Bundles `tessera mcp` (mcp-program.ts and what it imports) into one ES module at `outfile` that Node
 * runs without the TypeScript loader, and answers the files it was made from (paths from `root`). Only
 * the MCP server, the session client and the contract land in it: none of the host's modules, and no
 * native one.
 */
export async function buildMcpBundle(root: string, outfile: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [MCP_BUNDLE_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Less source for each agent's Node to parse and keep; the map (never loaded) names the sources.
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.inputs);
}
