import { serveMcp } from '../server/session/mcp-server';
import { appVersion } from './app-version';
import type { CliIo } from './cli-io';

/** `tessera mcp`: the MCP server an agent's CLI starts from the configuration Tessera passed it at launch (server/session/mcp-server.ts). */
export function runMcp(io: CliIo): Promise<number> {
  return serveMcp({ env: io.env, app: appVersion(io.env), stderr: io.stderr });
}
