import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeStatusReport, type AgentReport } from '../../domain/agent-report';
import type { UsageLaunch, UsageSource } from '../../domain/ports/usage-source.port';
import { cliOf } from '../shared/cli-name';

/**
 * The status-line command Claude Code runs (its status JSON on stdin, often): it keeps the JSON where
 * Tessera reads it, then runs the user's own status line, if they have one, on the same JSON, so
 * Claude still draws the user's line. A shell script, not node: Claude runs it after every message.
 */
export const STATUS_LINE_SCRIPT = `# Tessera's status line for Claude Code. $1: the session's folder.
dir=$1
tmp="$dir/status.$$.tmp"
cat > "$tmp" && mv -f "$tmp" "$dir/status.json"
if [ -s "$dir/user-command" ]; then
  sh -c "$(cat "$dir/user-command")" < "$dir/status.json"
fi
`;

/** How many ended sessions' last reports are kept. */
const ENDED_KEPT = 64;

export interface ClaudeStatusLineOptions {
  /** A folder only Tessera writes (`<config>/tessera/status-lines`): the script and one folder per session. */
  readonly dir: string;
  /** The user's environment: HOME and CLAUDE_CONFIG_DIR say where their own Claude settings are, unless the agent's own say otherwise. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A user's own status line, as their Claude settings give it. */
interface UserStatusLine {
  readonly command: string;
  readonly padding?: number;
}

/**
 * Claude Code's status line, per launch: `--settings <file>` holding a `statusLine` of Tessera's, which
 * Claude merges over the user's settings, so no file of the user's is written. The user's own status
 * line (project-local, project, then user settings, as Claude ranks them) is run by Tessera's. Other
 * CLIs get nothing here.
 */
export class ClaudeStatusLine implements UsageSource {
  /** The helper program's script: a process running it is Tessera's, not the agent's. */
  readonly scriptPath: string;
  private readonly sessions = new Map<string, { readonly dir: string; last?: { readonly mtimeMs: number; readonly report: AgentReport } }>();
  /** The last reports of ended sessions, oldest first. */
  private readonly ended = new Map<string, AgentReport>();

  constructor(private readonly options: ClaudeStatusLineOptions) {
    this.scriptPath = join(options.dir, 'status-line.sh');
  }

  async prepare(input: { readonly sessionId: string; readonly command: string; readonly cwd: string; readonly env: Readonly<Record<string, string>> }): Promise<UsageLaunch | undefined> {
    if (cliOf(input.command) !== 'claude' || !/^[A-Za-z0-9-]{1,64}$/.test(input.sessionId)) return undefined;
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.scriptPath, STATUS_LINE_SCRIPT, { mode: 0o700 });
    chmodSync(this.scriptPath, 0o700);
    const dir = join(this.options.dir, input.sessionId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const user = userStatusLine(input.cwd, { ...this.options.env, ...input.env });
    if (user) writeFileSync(join(dir, 'user-command'), user.command, { mode: 0o600 });
    const statusLine = { type: 'command', command: `sh ${shellQuote(this.scriptPath)} ${shellQuote(dir)}`, ...(user?.padding !== undefined ? { padding: user.padding } : {}) };
    const settings = join(dir, 'claude-settings.json');
    writeFileSync(settings, JSON.stringify({ statusLine }), { mode: 0o600 });
    this.sessions.set(input.sessionId, { dir });
    return {
      args: ['--settings', settings],
      settings: { statusLine },
      dispose: () => {
        // The last report outlives the files a while: whoever closes the books on the session reads it after.
        const last = this.report(input.sessionId);
        this.sessions.delete(input.sessionId);
        if (last) this.ended.set(input.sessionId, last);
        for (const old of this.ended.keys()) {
          if (this.ended.size <= ENDED_KEPT) break;
          this.ended.delete(old);
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  report(sessionId: string): AgentReport | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return this.ended.get(sessionId);
    const file = join(session.dir, 'status.json');
    try {
      const { mtimeMs, size } = statSync(file);
      // Claude's status JSON is a few KB: anything far larger is not one.
      if (size > 1024 * 1024) return undefined;
      if (session.last?.mtimeMs === mtimeMs) return session.last.report;
      const report = claudeStatusReport(JSON.parse(readFileSync(file, 'utf8')));
      session.last = { mtimeMs, report };
      return report;
    } catch {
      // Not reported yet, or caught half-written by a CLI that wrote it itself: the last report stands.
      return session.last?.report;
    }
  }
}

/** Where Claude Code reads settings, highest rank first (managed settings aside). */
function settingsFiles(cwd: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const userDir = env.CLAUDE_CONFIG_DIR || (env.HOME ? join(env.HOME, '.claude') : undefined);
  return [join(cwd, '.claude', 'settings.local.json'), join(cwd, '.claude', 'settings.json'), ...(userDir ? [join(userDir, 'settings.json')] : [])];
}

function userStatusLine(cwd: string, env: Readonly<Record<string, string | undefined>>): UserStatusLine | undefined {
  for (const file of settingsFiles(cwd, env)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const statusLine = (parsed as { statusLine?: unknown } | null)?.statusLine as { type?: unknown; command?: unknown; padding?: unknown } | undefined;
    if (!statusLine || statusLine.type !== 'command' || typeof statusLine.command !== 'string' || statusLine.command.trim() === '') continue;
    return { command: statusLine.command, ...(typeof statusLine.padding === 'number' && Number.isFinite(statusLine.padding) ? { padding: statusLine.padding } : {}) };
  }
  return undefined;
}


function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
