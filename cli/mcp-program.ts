import packageJson from '../package.json' with { type: 'json' };
import { serveMcp } from '../server/session/mcp-server';
import { givenVersion } from './app-version';

/**
 * `tessera mcp` as a program of its own: the entry of its prebuilt bundle (mcp-bundle-build.ts), which
 * agents' CLIs start with Node. The version is the package's as it was built: the manifest holds
 * package.json among its inputs, so a bundle of another version is never run.
 */
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const code = await serveMcp({ env: process.env, app: givenVersion(process.env) ?? packageJson.version, stderr: process.stderr });
process.exitCode = code;
// The agent's CLI closed the tools: a call still waiting on the session server must not keep this process alive.
setTimeout(() => process.exit(code), 2000).unref();
