// `npm run build:mcp`: the prebuilt `tessera mcp` (mcp-bundle-build.ts), and the manifest the host checks
// it against before handing it to agents (server/session/mcp-bundle.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCP_BUNDLE, writeMcpBundleManifest } from '../server/session/mcp-bundle';
import { buildMcpBundle } from './mcp-bundle-build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = await buildMcpBundle(root, MCP_BUNDLE);
// Besides what esbuild read: the lock file, whose change may resolve an import to another file of the same
// content, and the build's own code, which shapes the bundle.
writeMcpBundleManifest(root, [...sources, 'package-lock.json', 'cli/build-mcp.ts', 'cli/mcp-bundle-build.ts']);
console.log(`Built ${MCP_BUNDLE} from ${sources.length} sources`);
