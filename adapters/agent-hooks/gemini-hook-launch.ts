import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { programName } from '../../domain/agent-signals';
import type { AgentHookChannel, AgentHookSetup, HookLaunch, HookLaunchInput } from '../../domain/ports/agent-hooks.port';
import { checkFile, checkFolders } from '../shared/no-follow';
import { describeTrustFileError, geminiHome, GeminiTrustFiles } from './gemini-trust';

/** The events Gemini CLI's hooks are asked for: the turn, its tools, the permission notification, the session's ends. */
const GEMINI_EVENTS = ['SessionStart', 'BeforeAgent', 'AfterAgent', 'BeforeTool', 'AfterTool', 'Notification', 'SessionEnd'] as const;

/** The name Tessera's hooks carry: Gemini shows it when it runs them and when it first finds them. */
export const GEMINI_HOOK_NAME = 'tessera';

/**
 * Gemini CLI's hooks, for an agent whose working directory is its run dir. Gemini takes settings only
 * from files: its system files must belong to root (it skips any other with a security warning), and
 * it reads the workspace's `.gemini/settings.json` in its working directory, which for a run-dir agent
 * is Tessera's own folder. Gemini reads that file only in a folder it trusts, so each launch gets a
 * trusted-folders file of its own (`GEMINI_CLI_TRUSTED_FOLDERS_PATH`) that trusts the run dir beside
 * the user's own entries, and nothing more: the project root stays Gemini's question to the user, and
 * a `gemini` a child process starts elsewhere is trusted only where the user trusts it. Because the
 * run dir is trusted, the files there are Tessera's alone, written whole at every launch: whatever
 * they held (files that came with a clone of the project, say) must not run on that trust; and the
 * folders in it, which Tessera does not write, are distrusted (Gemini trusts a folder's tree). Hooks of
 * every scope run one after another, so the user's own hooks and settings, in their own files, keep
 * working. The files name no secret (the session's reaches the hook through the agent's environment).
 * A project or worktree agent runs in the user's files and gets nothing here: its status comes from
 * its terminal, and its folder's trust from the user.
 */
export class GeminiWorkspaceHookSetup implements AgentHookSetup {
  /**
   * `rememberedTrustFile`: Tessera's own file, for the answers the user gives Gemini in its launches;
   * `log`: where a trusted-folders file Tessera had to leave out is said.
   */
  constructor(private readonly channel: AgentHookChannel, private readonly options: { readonly rememberedTrustFile: string; readonly log?: (message: string) => void }) {}

  async prepare(input: HookLaunchInput): Promise<HookLaunch | undefined> {
    if (programName(input.command) !== 'gemini' || input.cwd === undefined || input.cwd !== input.runDir) return undefined;
    const runDir = input.cwd;
    const geminiDir = join(runDir, '.gemini');
    // The user's files are where the agent's own environment (its HOME, GEMINI_CLI_HOME) points Gemini.
    const env = input.env ?? {};
    const trust = new GeminiTrustFiles({ env, rememberedFile: this.options.rememberedTrustFile });
    const access = await this.channel.open(input.sessionId);
    try {
      await writeSettings(join(geminiDir, 'settings.json'), tesseraHooks(access.command));
      await writeEnvFile(join(geminiDir, '.env'));
      const homeVariables = homeEnvVariables(homeEnvFile(geminiHome(env)), env);
      const unwritten = await workspaceContentIn(runDir);
      for (const path of unwritten) this.options.log?.(`Gemini agent: its run dir is not trusted for it (Gemini asks): ${path} holds what Gemini loads in a trusted folder, and Tessera did not write it`);
      const launchFile = trust.writeLaunchFile(access.dir, runDir, { distrusted: foldersIn(runDir), runDirTrusted: unwritten.length === 0 });
      if (launchFile.userError) this.options.log?.(`Gemini agent: your trusted folders are left out of its launch (it trusts its run dir alone): ${describeTrustFileError(launchFile.userError)}`);
      return {
        args: [],
        env: { ...homeVariables, ...access.env, GEMINI_CLI_TRUSTED_FOLDERS_PATH: launchFile.path },
        dispose: () => {
          // An answer that cannot be kept is asked again at the next launch: the session still ends.
          const kept = trust.keepAnswers(launchFile, runDir);
          if (!kept.ok) this.options.log?.(`Gemini agent: the trust answers of its session are not kept: ${describeTrustFileError(kept.error)}`);
          access.dispose();
        },
      };
    } catch (error) {
      access.dispose();
      throw error;
    }
  }
}

/**
 * The folders the run dir holds besides Tessera's `.gemini`, as real folders: a link is left out,
 * since Gemini resolves a folder to its target before it matches a trust entry.
 */
function foldersIn(runDir: string): string[] {
  return readdirSync(runDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== '.gemini')
    .map((entry) => join(runDir, entry.name));
}

/**
 * What Gemini loads from its working folder once that folder is trusted, besides the settings and
 * `.env` Tessera writes: subagents (whose MCP servers are commands Gemini runs), skills and commands.
 * Tessera writes none of them, so in the run dir they came from elsewhere (a clone, say).
 */
const GEMINI_WORKSPACE_CONTENT = [join('.gemini', 'agents'), join('.gemini', 'skills'), join('.gemini', 'commands'), '.agents'];

/** The paths of GEMINI_WORKSPACE_CONTENT present in the run dir, a link counting as present. */
async function workspaceContentIn(runDir: string): Promise<string[]> {
  const present = await Promise.all(GEMINI_WORKSPACE_CONTENT.map((path) => lstat(join(runDir, path)).then(() => true, () => false)));
  return GEMINI_WORKSPACE_CONTENT.filter((_path, index) => present[index]).map((path) => join(runDir, path));
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
  await replaceWhole(file, { linkReplaced: false }, (temp) => writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' }));
}

/**
 * Gemini looks for its `.env` from its working directory up, and takes the first it finds, all of it
 * in a trusted folder: from the run dir the search would pass through `.tessera` (a clone's to fill)
 * and the project root (not trusted by the user yet), where a planted file could send the model
 * calls, and the API key with them, elsewhere. The run dir's `.gemini/.env`, the first place Gemini
 * looks, ends the search: a file of Tessera's that sets nothing. It is not a link to the user's own
 * `.env`: an agent writing the file in its folder would then write the user's.
 */
async function writeEnvFile(file: string): Promise<void> {
  // The file may be a link a clone or an older launch left: a rename replaces a link, never writes through it.
  await replaceWhole(file, { linkReplaced: true }, (temp) => writeFile(temp, "# Tessera's: Gemini reads no .env from the project for this agent.\n", { encoding: 'utf8', flag: 'wx' }));
}

/** The `.env` Gemini finds in a trusted folder's home at the end of its search: `.gemini/.env`, else `.env`. */
export function homeEnvFile(home: string): string | undefined {
  return [join(home, '.gemini', '.env'), join(home, '.env')].find(isPlainFile);
}

/** A home `.env` larger than this is not the user's few variables: it is left out. */
const HOME_ENV_MAX_BYTES = 64 * 1024;

/**
 * What the user's home `.env` (the one Gemini would have reached) gives the agent, as Gemini would
 * take it: only variables the agent's environment does not set already.
 */
export function homeEnvVariables(file: string | undefined, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  if (file === undefined) return {};
  let content: string;
  try {
    if (statSync(file).size > HOME_ENV_MAX_BYTES) return {};
    content = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const parsed = parseEnv(content);
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined && env[entry[0]] === undefined));
}

function isPlainFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Replaces `file` whole through a temp file beside it (`make` creates the temp), following no link on
 * the way; with `linkReplaced`, a link at `file` itself is replaced rather than refused.
 */
async function replaceWhole(file: string, options: { readonly linkReplaced: boolean }, make: (temp: string) => Promise<void>): Promise<void> {
  if (options.linkReplaced) await checkFolders(dirname(file), { create: true });
  else await checkFile(file, { createFolders: true });
  const temp = join(dirname(file), `.tessera.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await make(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
