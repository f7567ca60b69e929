import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgentReport, RateLimits, RateLimitWindow } from '../../domain/agent-report';
import type { UsageLaunch, UsageSource } from '../../domain/ports/usage-source.port';
import { cliOf } from '../shared/cli-name';

/** How much of a session file one read takes in: a long session's file is read a piece at a time. */
const READ_CHUNK = 1024 * 1024;
/** A session file counts as this launch's when the CLI started it at most this long before Tessera launched it. */
const CLOCK_SLACK_MS = 5000;

type Env = Readonly<Record<string, string>>;

/** One launched session being followed: where its CLI keeps its files, and the file once found. */
interface Followed {
  readonly cwd: string;
  readonly home: string;
  readonly launchedAt: number;
  file?: string;
  offset: number;
  partial: string;
  report: AgentReport;
  /** Gemini: tokens per message id (a message may be written again). */
  readonly messages: Map<string, { readonly input: number; readonly output: number }>;
}

/**
 * Follows the session files a CLI writes of its own accord, as the pinned versions write them: it
 * adds nothing to the launch. Each session file is matched to the launch by its working folder and
 * its start (after the launch), never claimed by two sessions, then read as it grows.
 */
abstract class SessionFilesSource implements UsageSource {
  private readonly followed = new Map<string, Followed>();
  private readonly claimed = new Set<string>();
  /** The last reports of ended sessions, oldest first. */
  private readonly ended = new Map<string, AgentReport>();

  constructor(private readonly cli: string, private readonly now: () => number = () => Date.now()) {}

  protected abstract homeOf(env: Env): string | undefined;
  /** Session files that may be this session's, with when the CLI says it started each. */
  protected abstract candidates(session: Followed): Array<{ readonly file: string; readonly startedAt: number }>;
  /** Folds one parsed line into the session's report. */
  protected abstract fold(session: Followed, line: unknown): void;

  async prepare(input: { readonly sessionId: string; readonly command: string; readonly cwd: string; readonly env: Env }): Promise<UsageLaunch | undefined> {
    if (cliOf(input.command) !== this.cli) return undefined;
    const home = this.homeOf(input.env);
    if (!home) return undefined;
    this.followed.set(input.sessionId, { cwd: input.cwd, home, launchedAt: this.now(), offset: 0, partial: '', report: {}, messages: new Map() });
    return {
      args: [],
      dispose: () => {
        const session = this.followed.get(input.sessionId);
        if (session) this.read(session);
        this.followed.delete(input.sessionId);
        if (session?.file) this.claimed.delete(session.file);
        // The last report stays readable a moment for whoever closes the books (the caller keeps none).
        if (session) this.ended.set(input.sessionId, session.report);
        for (const old of this.ended.keys()) {
          if (this.ended.size <= 64) break;
          this.ended.delete(old);
        }
      },
    };
  }

  report(sessionId: string): AgentReport | undefined {
    const session = this.followed.get(sessionId);
    if (!session) return this.ended.get(sessionId);
    this.read(session);
    return Object.keys(session.report).length > 0 ? session.report : undefined;
  }

  private read(session: Followed): void {
    if (!session.file) {
      const found = this.candidates(session)
        .filter((candidate) => !this.claimed.has(candidate.file) && candidate.startedAt >= session.launchedAt - CLOCK_SLACK_MS)
        .sort((a, b) => a.startedAt - b.startedAt)[0];
      if (!found) return;
      session.file = found.file;
      this.claimed.add(found.file);
    }
    let fd: number | undefined;
    try {
      fd = openSync(session.file, 'r');
      const buffer = Buffer.alloc(READ_CHUNK);
      for (;;) {
        const bytes = readSync(fd, buffer, 0, READ_CHUNK, session.offset);
        if (bytes <= 0) break;
        session.offset += bytes;
        const lines = (session.partial + buffer.subarray(0, bytes).toString('utf8')).split('\n');
        session.partial = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim() === '') continue;
          try {
            this.fold(session, JSON.parse(line));
          } catch {
            // A line this version does not write whole: skipped.
          }
        }
      }
    } catch {
      // Gone or unreadable: the report so far stands.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
const name = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).map((entry) => join(dir, entry));
  } catch {
    return [];
  }
}

function firstLine(file: string): unknown {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const bytes = readSync(fd, buffer, 0, buffer.length, 0);
      return JSON.parse(buffer.subarray(0, bytes).toString('utf8').split('\n')[0] ?? '');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Codex: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`, its first line `session_meta` with the
 * session's `cwd` and start; `turn_context` names the model; each `event_msg` of type `token_count`
 * carries the running totals (`total_token_usage`), the last request's (`last_token_usage`: what the
 * context holds) and `model_context_window`, and beside them `rate_limits`: the account's windows as the
 * provider's last response gave them (`primary` 5 hours, `secondary` a week, each `used_percent`,
 * `window_minutes` and `resets_at` in Unix seconds; null where the provider sent none). Codex reports
 * no cost.
 */
export class CodexSessionFiles extends SessionFilesSource {
  constructor(now?: () => number) {
    super('codex', now);
  }

  protected homeOf(env: Env): string | undefined {
    return env.CODEX_HOME || (env.HOME ? join(env.HOME, '.codex') : undefined);
  }

  protected candidates(session: Followed): Array<{ readonly file: string; readonly startedAt: number }> {
    const out: Array<{ file: string; startedAt: number }> = [];
    // The day folders of the launch and the day after (a launch just before midnight).
    for (const day of [session.launchedAt, session.launchedAt + 86_400_000]) {
      const date = new Date(day);
      const dir = join(session.home, 'sessions', String(date.getFullYear()), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0'));
      for (const file of listFiles(dir)) {
        if (!/^rollout-.*\.jsonl$/.test(basename(file))) continue;
        const meta = record(record(firstLine(file)).payload);
        const startedAt = Date.parse(String(meta.timestamp));
        if (meta.cwd === session.cwd && Number.isFinite(startedAt)) out.push({ file, startedAt });
      }
    }
    return out;
  }

  protected fold(session: Followed, line: unknown): void {
    const entry = record(line);
    const payload = record(entry.payload);
    if (entry.type === 'turn_context') {
      const model = name(payload.model);
      if (model) session.report = { ...session.report, model };
      return;
    }
    if (entry.type !== 'event_msg' || payload.type !== 'token_count') return;
    const limits = codexRateLimits(payload.rate_limits);
    if (limits) session.report = { ...session.report, rateLimits: limits };
    // A token_count without usage (Codex writes one when only the limits changed) keeps the totals so far.
    if (payload.info === null || payload.info === undefined) return;
    const info = record(payload.info);
    const total = record(info.total_token_usage);
    const last = record(info.last_token_usage);
    const window = count(info.model_context_window);
    const inContext = count(last.total_tokens);
    const fields = {
      ...session.report,
      inputTokens: count(total.input_tokens),
      outputTokens: count(total.output_tokens),
      contextWindow: window,
      contextPercent: window && inContext !== undefined ? Math.min(100, Math.round((1000 * inContext) / window) / 10) : undefined,
    };
    session.report = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as AgentReport;
  }
}

/** Codex's `rate_limits` as its rollout records them; undefined when neither window was sent. */
function codexRateLimits(value: unknown): RateLimits | undefined {
  const limits = record(value);
  const window = (raw: unknown): RateLimitWindow | undefined => {
    const w = record(raw);
    const used = count(w.used_percent);
    if (used === undefined) return undefined;
    const minutes = count(w.window_minutes);
    const resets = count(w.resets_at);
    return { usedPercent: Math.min(100, used), ...(minutes !== undefined ? { windowMinutes: minutes } : {}), ...(resets !== undefined ? { resetsAt: resets * 1000 } : {}) };
  };
  const primary = window(limits.primary);
  const secondary = window(limits.secondary);
  if (!primary && !secondary) return undefined;
  return { ...(primary ? { primary } : {}), ...(secondary ? { secondary } : {}) };
}

/**
 * Gemini CLI: `<GEMINI_CLI_HOME or HOME>/.gemini/tmp/<project>/chats/session-*.jsonl` in the folder
 * whose `.project_root` names the session's working folder; its first line gives `startTime`; each
 * message of type `gemini` carries its `tokens` (input, output) and `model`. Gemini reports no cost
 * and no context window.
 */
export class GeminiSessionFiles extends SessionFilesSource {
  constructor(now?: () => number) {
    super('gemini', now);
  }

  protected homeOf(env: Env): string | undefined {
    const base = env.GEMINI_CLI_HOME || env.HOME;
    return base ? join(base, '.gemini') : undefined;
  }

  protected candidates(session: Followed): Array<{ readonly file: string; readonly startedAt: number }> {
    const out: Array<{ file: string; startedAt: number }> = [];
    for (const project of listFiles(join(session.home, 'tmp'))) {
      let root: string;
      try {
        root = readFileSync(join(project, '.project_root'), 'utf8').trim();
      } catch {
        continue;
      }
      if (root !== session.cwd) continue;
      for (const file of listFiles(join(project, 'chats'))) {
        if (!/^session-.*\.jsonl$/.test(basename(file))) continue;
        const startedAt = Date.parse(String(record(firstLine(file)).startTime));
        if (Number.isFinite(startedAt) && statSync(file).isFile()) out.push({ file, startedAt });
      }
    }
    return out;
  }

  protected fold(session: Followed, line: unknown): void {
    const entry = record(line);
    const messages = Array.isArray(record(entry.$set).messages) ? (record(entry.$set).messages as unknown[]) : [entry];
    for (const message of messages.map(record)) {
      if (message.type !== 'gemini') continue;
      const tokens = record(message.tokens);
      const input = count(tokens.input);
      const output = count(tokens.output);
      if (typeof message.id === 'string' && input !== undefined && output !== undefined) session.messages.set(message.id, { input, output });
      const model = name(message.model);
      if (model) session.report = { ...session.report, model };
    }
    if (session.messages.size === 0) return;
    let inputTokens = 0;
    let outputTokens = 0;
    for (const tokens of session.messages.values()) {
      inputTokens += tokens.input;
      outputTokens += tokens.output;
    }
    session.report = { ...session.report, inputTokens, outputTokens };
  }
}
