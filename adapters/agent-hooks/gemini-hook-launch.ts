import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { programName } from '../../domain/agent-signals';
import type { AgentHookChannel, AgentHookSetup, HookLaunch, HookLaunchInput } from '../../domain/ports/agent-hooks.port';

/** The events Gemini CLI's hooks are asked for: the turn, its tools, the permission notification, the session's ends. */
const GEMINI_EVENTS = ['SessionStart', 'BeforeAgent', 'AfterAgent', 'BeforeTool', 'AfterTool', 'Notification', 'SessionEnd'] as const;

/** The name Tessera's hooks carry in the file: Gemini shows it, and Tessera finds its own entries by it. */
export const GEMINI_HOOK_NAME = 'tessera';

type HookDefinition = { readonly hooks?: ReadonlyArray<{ readonly name?: unknown }> } & Record<string, unknown>;

/**
 * Gemini CLI's hooks, for an agent whose working directory is its run dir. Gemini takes settings only
 * from files: its system files must belong to root (it skips any other with a security warning), and
 * it reads the workspace's `.gemini/settings.json` in its working directory, which for a run-dir agent
 * is Tessera's own folder (trusted for the session, as the built-in profile's `--skip-trust` has it). Hooks of every scope run one after another, so the user's own hooks and
 * settings keep working; the file names no secret (the session's reaches the hook through the agent's
 * environment), so the same entries serve every launch. A project or worktree agent runs in the user's
 * files and gets nothing here: its status comes from its terminal.
 */
export class GeminiWorkspaceHookSetup implements AgentHookSetup {
  constructor(private readonly channel: AgentHookChannel) {}

  async prepare(input: HookLaunchInput): Promise<HookLaunch | undefined> {
    if (programName(input.command) !== 'gemini' || input.cwd === undefined || input.cwd !== input.runDir) return undefined;
    const file = join(input.cwd, '.gemini', 'settings.json');
    const current = readSettings(file);
    // A file that is not plain JSON (Gemini allows comments) is left as it is, and the agent runs without hooks.
    if (current === undefined) return undefined;
    const access = await this.channel.open(input.sessionId);
    try {
      writeSettings(file, withTesseraHooks(current, access.command));
      // Gemini reads its settings before its arguments: `--skip-trust` trusts the run dir too late for
      // the workspace file to count, where this variable, its own switch for the same, is in time.
      return { args: [], env: { ...access.env, GEMINI_CLI_TRUST_WORKSPACE: 'true' }, dispose: () => access.dispose() };
    } catch (error) {
      access.dispose();
      throw error;
    }
  }
}

/** The settings with Tessera's entry for each event, after whatever else each event already runs. */
export function withTesseraHooks(settings: Readonly<Record<string, unknown>>, command: string): Record<string, unknown> {
  const hooks = isRecord(settings.hooks) ? settings.hooks : {};
  const merged: Record<string, unknown> = { ...hooks };
  for (const event of GEMINI_EVENTS) {
    const others = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]).filter((definition) => !isOurs(definition)) : [];
    merged[event] = [...others, { hooks: [{ name: GEMINI_HOOK_NAME, type: 'command', command }] }];
  }
  return { ...settings, hooks: merged };
}

function isOurs(definition: unknown): boolean {
  const hooks = isRecord(definition) ? (definition as HookDefinition).hooks : undefined;
  return Array.isArray(hooks) && hooks.length > 0 && hooks.every((hook) => isRecord(hook) && hook.name === GEMINI_HOOK_NAME);
}

/** `{}` for no file yet; undefined for one that is not a JSON object. */
function readSettings(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function writeSettings(file: string, settings: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  // Whole or not at all: Gemini may be starting in the same folder for another session.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temp, file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
