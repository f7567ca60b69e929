import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { programName } from '../../domain/agent-signals';
import type { AgentHookChannel, AgentHookSetup, HookLaunch, HookLaunchInput } from '../../domain/ports/agent-hooks.port';
import { checkFile } from '../shared/no-follow';

/** The events Gemini CLI's hooks are asked for: the turn, its tools, the permission notification, the session's ends. */
const GEMINI_EVENTS = ['SessionStart', 'BeforeAgent', 'AfterAgent', 'BeforeTool', 'AfterTool', 'Notification', 'SessionEnd'] as const;

/** The name Tessera's hooks carry: Gemini shows it when it runs them and when it first finds them. */
export const GEMINI_HOOK_NAME = 'tessera';

/**
 * Gemini CLI's hooks, for an agent whose working directory is its run dir. Gemini takes settings only
 * from files: its system files must belong to root (it skips any other with a security warning), and
 * it reads the workspace's `.gemini/settings.json` in its working directory, which for a run-dir agent
 * is Tessera's own folder. Tessera trusts that folder for the session, so the file there is Tessera's
 * alone, written whole at every launch: whatever it held (a file that came with a clone of the project,
 * say) must not run on that trust. Hooks of every scope run one after another, so the user's own hooks
 * and settings, in their own files, keep working. The file names no secret (the session's reaches the
 * hook through the agent's environment). A project or worktree agent runs in the user's files and gets
 * nothing here: its status comes from its terminal.
 */
export class GeminiWorkspaceHookSetup implements AgentHookSetup {
  constructor(private readonly channel: AgentHookChannel) {}

  async prepare(input: HookLaunchInput): Promise<HookLaunch | undefined> {
    if (programName(input.command) !== 'gemini' || input.cwd === undefined || input.cwd !== input.runDir) return undefined;
    const file = join(input.cwd, '.gemini', 'settings.json');
    const access = await this.channel.open(input.sessionId);
    try {
      await writeSettings(file, tesseraHooks(access.command));
      // Gemini reads its settings before its arguments: `--skip-trust` trusts the run dir too late for
      // the workspace file to count, where this variable, its own switch for the same, is in time.
      return { args: [], env: { ...access.env, GEMINI_CLI_TRUST_WORKSPACE: 'true' }, dispose: () => access.dispose() };
    } catch (error) {
      access.dispose();
      throw error;
    }
  }
}

/** Settings that run Tessera's hook program at each event Tessera reads. */
export function tesseraHooks(command: string): Record<string, unknown> {
  const hooks = Object.fromEntries(GEMINI_EVENTS.map((event) => [event, [{ hooks: [{ name: GEMINI_HOOK_NAME, type: 'command', command }] }]]));
  return { hooks };
}

/**
 * The run dir lies in the project's `.tessera`, which a clone may fill: no link there is followed (a
 * `.gemini` linked elsewhere would have Tessera write over another program's settings), and the file is
 * replaced whole or not at all (Gemini may be starting in the same folder for another session).
 */
async function writeSettings(file: string, settings: Record<string, unknown>): Promise<void> {
  await checkFile(file, { createFolders: true });
  const temp = join(dirname(file), `.settings.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
