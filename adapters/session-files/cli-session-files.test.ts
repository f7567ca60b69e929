import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodexSessionFiles, GeminiSessionFiles } from './cli-session-files';

const LAUNCH = Date.parse('2026-12-04T23:04:05.000Z');
const line = (value: object) => `${JSON.stringify(value)}\n`;

/** A Codex rollout file as Codex 0.171.0 writes it (the lines this reader uses, in their shape). */
function codexWorld() {
  const root = mkdtempSync(join(tmpdir(), 'tessera-codex-'));
  const home = join(root, '.codex');
  const cwd = join(root, 'project');
  const day = join(home, 'sessions', ...dayFolders(LAUNCH));
  mkdirSync(day, { recursive: true });
  const rollout = (id: string, startedAt: string, folder = cwd) => {
    const file = join(day, `rollout-${startedAt.replace(/:/g, '-')}-${id}.jsonl`);
    writeFileSync(file, line({ timestamp: startedAt, type: 'session_meta', payload: { session_id: id, timestamp: startedAt, cwd: folder, cli_version: '0.171.0' } }));
    return file;
  };
  const tokenCount = (total: [number, number], last: number, window = 258_400) =>
    line({ type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: total[0], output_tokens: total[1], total_tokens: total[0] + total[1] }, last_token_usage: { total_tokens: last }, model_context_window: window }, rate_limits: { primary: null } } });
  return { home, cwd, rollout, tokenCount, source: new CodexSessionFiles(() => LAUNCH) };
}

function dayFolders(at: number): string[] {
  const date = new Date(at);
  return [String(date.getFullYear()), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0')];
}

describe('CodexSessionFiles', () => {
  it("reads the 5-hour and weekly windows from a rollout the pinned Codex recorded, with its tokens and model", async () => {
    // Recorded from Codex 0.171.0 (`codex exec`) against the scripted model server behind a proxy that
    // added the provider's rate-limit headers: 42.5 % of 300 minutes, 7 % of 10080 minutes.
    const recorded = join(import.meta.dirname, 'fixtures', 'codex-0.171.0-rate-limits.jsonl');
    const startedAt = Date.parse('2026-12-05T01:31:33.119Z');
    const root = mkdtempSync(join(tmpdir(), 'tessera-codex-'));
    const home = join(root, '.codex');
    const day = join(home, 'sessions', ...dayFolders(startedAt));
    mkdirSync(day, { recursive: true });
    copyFileSync(recorded, join(day, 'rollout-2026-12-05T01-31-33-01a243d3-f17b-7751-84a3-c0ccf0f6d9fa.jsonl'));
    const source = new CodexSessionFiles(() => startedAt - 1000);
    await source.prepare({ sessionId: 's1', command: 'codex', cwd: '/tmp/meters-rl/work', env: { CODEX_HOME: home } });
    expect(source.report('s1')).toMatchObject({
      model: 'mock-model',
      inputTokens: 1200,
      outputTokens: 40,
      rateLimits: {
        primary: { usedPercent: 42.5, windowMinutes: 300, resetsAt: 1_796_437_891_000 },
        secondary: { usedPercent: 7, windowMinutes: 10_080, resetsAt: 1_796_866_291_000 },
      },
    });
  });

  it('keeps the token totals when a later count carries only the limits, and no limits where the provider sent none', async () => {
    const { home, cwd, rollout, tokenCount, source } = codexWorld();
    await source.prepare({ sessionId: 's1', command: 'codex', cwd, env: { CODEX_HOME: home } });
    const file = rollout('a', '2026-12-04T23:04:06.632Z');
    appendFileSync(file, tokenCount([500, 20], 520));
    expect(source.report('s1')?.rateLimits).toBeUndefined();
    appendFileSync(file, line({ type: 'event_msg', payload: { type: 'token_count', info: null, rate_limits: { primary: { used_percent: 91, window_minutes: 300, resets_at: null }, secondary: null } } }));
    expect(source.report('s1')).toMatchObject({ inputTokens: 500, outputTokens: 20, rateLimits: { primary: { usedPercent: 91, windowMinutes: 300 } } });
    expect(source.report('s1')?.rateLimits?.secondary).toBeUndefined();
  });

  it("follows the launch's rollout file: model, running token totals, and the context the last request filled", async () => {
    const { home, cwd, rollout, tokenCount, source } = codexWorld();
    const launch = await source.prepare({ sessionId: 's1', command: '/usr/bin/codex', cwd, env: { CODEX_HOME: home } });
    expect(launch?.args).toEqual([]);
    expect(source.report('s1')).toBeUndefined();
    const file = rollout('a', '2026-12-04T23:04:06.632Z');
    appendFileSync(file, line({ type: 'turn_context', payload: { cwd, model: 'mock-model' } }) + tokenCount([50_000, 700], 50_700));
    expect(source.report('s1')).toEqual({ model: 'mock-model', inputTokens: 50_000, outputTokens: 700, contextWindow: 258_400, contextPercent: 19.6 });
    // It grows: a half-written line waits for its end.
    const next = tokenCount([120_000, 1_500], 70_800);
    appendFileSync(file, next.slice(0, 40));
    expect(source.report('s1')?.inputTokens).toBe(50_000);
    appendFileSync(file, next.slice(40));
    expect(source.report('s1')).toMatchObject({ inputTokens: 120_000, outputTokens: 1_500, contextPercent: 27.4 });
  });

  it("takes no file of another folder, of an earlier run, or one another session already follows", async () => {
    const { home, cwd, rollout, tokenCount, source } = codexWorld();
    appendFileSync(rollout('old', '2026-12-04T22:00:00.000Z'), tokenCount([1, 1], 2));
    appendFileSync(rollout('elsewhere', '2026-12-04T23:04:07.000Z', '/somewhere/else'), tokenCount([2, 2], 4));
    await source.prepare({ sessionId: 's1', command: 'codex', cwd, env: { CODEX_HOME: home } });
    await source.prepare({ sessionId: 's2', command: 'codex', cwd, env: { CODEX_HOME: home } });
    expect(source.report('s1')).toBeUndefined();
    appendFileSync(rollout('first', '2026-12-04T23:04:08.000Z'), tokenCount([10, 1], 11));
    expect(source.report('s1')?.inputTokens).toBe(10);
    expect(source.report('s2')).toBeUndefined();
    appendFileSync(rollout('second', '2026-12-04T23:04:09.000Z'), tokenCount([20, 2], 22));
    expect(source.report('s2')?.inputTokens).toBe(20);
  });

  it('reads nothing for another CLI, and keeps an ended session\'s last report', async () => {
    const { home, cwd, rollout, tokenCount, source } = codexWorld();
    expect(await source.prepare({ sessionId: 's0', command: 'claude', cwd, env: { CODEX_HOME: home } })).toBeUndefined();
    const launch = await source.prepare({ sessionId: 's1', command: 'codex', cwd, env: { HOME: join(home, '..') } });
    appendFileSync(rollout('a', '2026-12-04T23:04:06.000Z'), tokenCount([5, 5], 10));
    launch?.dispose();
    expect(source.report('s1')?.outputTokens).toBe(5);
  });
});

describe('GeminiSessionFiles', () => {
  it("sums the tokens of the model's messages in the chat file of the session's folder, each message once", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-gemini-'));
    const cwd = join(root, 'project');
    const chats = join(root, '.gemini', 'tmp', 'project', 'chats');
    mkdirSync(chats, { recursive: true });
    writeFileSync(join(root, '.gemini', 'tmp', 'project', '.project_root'), cwd);
    mkdirSync(join(root, '.gemini', 'tmp', 'other', 'chats'), { recursive: true });
    writeFileSync(join(root, '.gemini', 'tmp', 'other', '.project_root'), '/elsewhere');
    writeFileSync(join(root, '.gemini', 'tmp', 'other', 'chats', 'session-x.jsonl'), line({ sessionId: 'x', startTime: '2026-12-04T23:04:10.000Z' }) + line({ id: 'o', type: 'gemini', tokens: { input: 9, output: 9 } }));
    const source = new GeminiSessionFiles(() => LAUNCH);
    await source.prepare({ sessionId: 's1', command: 'gemini', cwd, env: { GEMINI_CLI_HOME: root } });
    const file = join(chats, 'session-2026-12-04T23-04-da3d3415.jsonl');
    writeFileSync(file, line({ sessionId: 'da3d3415', projectHash: 'h', startTime: '2026-12-04T23:04:15.336Z', kind: 'main' }) + line({ $set: { messages: [{ id: 'u1', type: 'user', content: [] }] } }));
    expect(source.report('s1')).toBeUndefined();
    appendFileSync(file, line({ id: 'g1', type: 'gemini', content: 'hello', tokens: { input: 50_000, output: 700, total: 50_700 }, model: 'gemini-3.8-flash' }) + line({ $set: { lastUpdated: 'x' } }));
    appendFileSync(file, line({ id: 'g2', type: 'gemini', tokens: { input: 60_000, output: 300 } }) + line({ $set: { messages: [{ id: 'g1', type: 'gemini', tokens: { input: 50_000, output: 700 } }] } }));
    expect(source.report('s1')).toEqual({ model: 'gemini-3.8-flash', inputTokens: 110_000, outputTokens: 1_000 });
  });
});
