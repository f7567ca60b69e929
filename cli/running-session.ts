import type { ServerSessionDto } from '../contract/session-protocol';
import { runtimeDir } from '../server/session/runtime-dir';
import type { CliIo } from './cli-io';
import { connectOnce } from './server-connection';
import { sameFolder, serverSessions } from './session-lookup';
import { isLiveStatus } from './session-status';

/**
 * The session of agent `slug` of the project at `root` that a running session server runs now, if
 * any. No server is started to answer, and one that cannot be asked (none runs, or one of another
 * version) runs nothing this command could name.
 */
export async function sessionRunningInServer(io: CliIo, root: string, slug: string): Promise<ServerSessionDto | undefined> {
  const client = await connectOnce(runtimeDir(io.env), 'script', io.env);
  if (!client.ok) return undefined;
  try {
    const sessions = await serverSessions(client.value);
    return sessions.find((s) => s.agent === slug && isLiveStatus(s.status) && sameFolder(s.project.root, root));
  } finally {
    client.value.close();
  }
}
