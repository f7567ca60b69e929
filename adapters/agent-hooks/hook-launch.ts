import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgentHookChannel, AgentHookSetup, HookLaunch } from '../../domain/ports/agent-hooks.port';

/** The events Claude Code's hooks are asked for; subagent events are not (they never change a pane's status). */
const CLAUDE_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop', 'SessionEnd'] as const;

/**
 * Hooks through a settings file of the session's own, passed at launch: Claude Code merges
 * `--settings <file>` over the user's settings, so the user's own hooks and status line keep running
 * and none of their files is written. Other CLIs get nothing here.
 */
export class PerLaunchHookSetup implements AgentHookSetup {
  constructor(private readonly channel: AgentHookChannel, private readonly waitMs: number) {}

  async prepare(input: { readonly sessionId: string; readonly command: string }): Promise<HookLaunch | undefined> {
    if (cliOf(input.command) !== 'claude') return undefined;
    const access = await this.channel.open(input.sessionId);
    try {
      const event = (command: string, timeout?: number) => [{ hooks: [{ type: 'command', command, ...(timeout ? { timeout } : {}) }] }];
      const hooks: Record<string, unknown> = Object.fromEntries(CLAUDE_EVENTS.map((name) => [name, event(access.command)]));
      // Claude's timeout is in seconds; it outlasts the hook's own wait so the hook always ends first.
      hooks.PermissionRequest = event(`${access.command} --wait`, Math.ceil(this.waitMs / 1000) + 30);
      const file = join(access.dir, 'claude-settings.json');
      writeFileSync(file, JSON.stringify({ hooks }), { mode: 0o600 });
      return { args: ['--settings', file], settings: { hooks }, env: access.env, dispose: () => access.dispose() };
    } catch (error) {
      access.dispose();
      throw error;
    }
  }
}

/** Which CLI a profile's command runs, by its program's name. */
export function cliOf(command: string): string {
  return basename(command).replace(/\.(exe|cmd)$/i, '').toLowerCase();
}
