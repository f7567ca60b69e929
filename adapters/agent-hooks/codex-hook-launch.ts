import { createHash } from 'node:crypto';
import type { AgentHookChannel, AgentHookSetup, HookLaunch, HookLaunchInput } from '../../domain/ports/agent-hooks.port';
import { cliOf } from './hook-launch';

/**
 * The events Codex's hooks are asked for, with the snake-case label Codex uses for each in its trust
 * keys and hashes. Its permission request is an event like the others: while a hook runs Codex holds
 * its approval prompt back, so the prompt, answered with its own keys, stays the user's to answer.
 */
const CODEX_EVENTS = {
  SessionStart: 'session_start',
  UserPromptSubmit: 'user_prompt_submit',
  PreToolUse: 'pre_tool_use',
  PermissionRequest: 'permission_request',
  PostToolUse: 'post_tool_use',
  Stop: 'stop',
  SessionEnd: 'session_end',
} as const;

type CodexEvent = keyof typeof CODEX_EVENTS;

/** Seconds each hook may run; Codex caps SessionEnd's at 3. The hook program returns at once for events. */
function timeoutOf(event: CodexEvent): number {
  return event === 'SessionEnd' ? 3 : 10;
}

/**
 * The source Codex names hooks given as `-c` overrides by: part of each hook's trust key
 * (`<source>:<event label>:<group>:<handler>`).
 */
const SESSION_FLAGS_SOURCE = '/<session-flags>/config.toml';

/**
 * The hash Codex trusts a command hook by: sha256 of the hook's normalized identity as JSON with its
 * keys sorted (`{"event_name", "hooks": [{"async", "command", "timeout", "type"}]}`, no matcher for a
 * group without one). Codex runs a hook only when its `hooks.state."<key>".trusted_hash` equals this.
 */
export function codexHookTrustHash(event: CodexEvent, command: string, timeoutSeconds: number): string {
  const identity = `{"event_name":${JSON.stringify(CODEX_EVENTS[event])},"hooks":[{"async":false,"command":${JSON.stringify(command)},"timeout":${timeoutSeconds},"type":"command"}]}`;
  return `sha256:${createHash('sha256').update(identity).digest('hex')}`;
}

/**
 * The `-c` override that gives Codex `command` at each event and, in the same layer, the trust of
 * each of those hooks: Codex reads hook trust from the session's `-c` layer as from the user's
 * config, so these hooks run without its "Hooks need review" question and nothing of the user's is
 * written. The user's own hooks (their config.toml, hooks.json) keep running beside these.
 */
export function codexHookArgs(command: string): string[] {
  const events = Object.keys(CODEX_EVENTS) as CodexEvent[];
  const hooks = events.map((event) => `${event}=[{hooks=[{type="command",command=${tomlString(command)},timeout=${timeoutOf(event)}}]}]`);
  const trust = events.map((event) => `${tomlString(`${SESSION_FLAGS_SOURCE}:${CODEX_EVENTS[event]}:0:0`)}={trusted_hash=${tomlString(codexHookTrustHash(event, command, timeoutOf(event)))}}`);
  return ['-c', `hooks={${hooks.join(',')},state={${trust.join(',')}}}`];
}

/** A TOML basic string: JSON's escapes are TOML's, and TOML also wants DEL escaped. */
function tomlString(text: string): string {
  return JSON.stringify(text).replaceAll('\x7f', '\\u007f');
}

/**
 * Codex's hooks for one launch, passed as `-c` overrides (it has no settings file flag). Not on
 * Windows: there the trust key's source is another path, and npm's `codex.cmd` shim has cmd.exe parse
 * the override's quotes again; Codex then runs without Tessera's hooks, its status read from its terminal.
 */
export class CodexHookSetup implements AgentHookSetup {
  constructor(private readonly channel: AgentHookChannel, private readonly platform: string = process.platform) {}

  async prepare(input: { readonly sessionId: string; readonly command: string }): Promise<HookLaunch | undefined> {
    if (cliOf(input.command) !== 'codex' || this.platform === 'win32') return undefined;
    const access = await this.channel.open(input.sessionId);
    return { args: codexHookArgs(access.command), env: access.env, dispose: () => access.dispose() };
  }
}

/**
 * The first of several setups that has hooks for the launch's CLI. A setup that fails (a link a clone
 * planted where a settings file goes, say) is said in `log`: the agent then starts without hooks, its
 * status read from its terminal, and the user can see why.
 */
export class HookSetupsByCli implements AgentHookSetup {
  constructor(
    private readonly setups: readonly AgentHookSetup[],
    private readonly log?: (message: string, error?: unknown) => void,
  ) {}

  async prepare(input: HookLaunchInput): Promise<HookLaunch | undefined> {
    for (const setup of this.setups) {
      let launch: HookLaunch | undefined;
      try {
        launch = await setup.prepare(input);
      } catch (error) {
        this.log?.(`agent ${input.sessionId} (${input.command}) starts without Tessera's hooks: they could not be set up; its status comes from its terminal`, error);
        throw error;
      }
      if (launch) return launch;
    }
    return undefined;
  }
}
