import { serveMcp } from '../server/session/mcp-server';

/**
 * `tessera mcp` in the app's binary (--tessera-mcp, program-modes.ts), bundled on its own to
 * dist/electron/tessera-mcp.cjs: the MCP server, the session client and the contract, none of the
 * app's modules, no Electron and no native module. `app` is the app's version.
 */
export function serveAgentMcp(app: string): Promise<number> {
  // The agent's CLI may close the pipes first: that ends the server, never throws.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  return serveMcp({ env: process.env, app, stderr: process.stderr });
}
