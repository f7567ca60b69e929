import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readHookPayload, readScreenPrompt, TerminalSignalScanner, verdictOf, verdictsOf, type TerminalSignal } from '../../domain/agent-signals';

/**
 * The signal readers against what the pinned real CLIs sent (e2e/fixtures/real-agents/captures): every
 * hook event of a text turn and a tool turn, and the titles, notifications and state reports in the raw
 * PTY output of each captured screen.
 */

const captures = resolve(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures/real-agents/captures');
const load = <T>(path: string): T => JSON.parse(readFileSync(join(captures, path), 'utf8')) as T;
const payloads = (cli: string, turn: string) => load<{ payloads: Array<Record<string, unknown>> }>(`${cli}/hooks-${turn}.json`).payloads;
const raw = (path: string) => load<{ raw: string }>(path).raw;

/** The verdicts of a whole run of hook events, in order, with turn marks. */
function readAll(list: Array<Record<string, unknown>>): string[] {
  return list.flatMap((payload) => {
    const signal = readHookPayload(payload);
    if (!signal) return [];
    return [`${signal.event}:${signal.verdict ?? '-'}${signal.turn ? `:${signal.turn}` : ''}${signal.permission ? `:${signal.permission.tool} ${signal.permission.subject.text}` : ''}`];
  });
}

/** The last verdict a capture's raw output gives, and its source. */
function lastVerdict(path: string): string | undefined {
  const found = verdictsOf(new TerminalSignalScanner().scan(raw(path)));
  const last = found.at(-1);
  return last ? `${last.source}:${last.verdict}` : undefined;
}

describe('hook payloads captured from the pinned CLIs', () => {
  it("reads Claude Code's text turn as idle at start, busy from the prompt and idle with a finished turn at Stop", () => {
    expect(readAll(payloads('claude', 'text-turn'))).toEqual(['SessionStart:idle', 'UserPromptSubmit:busy:started', 'MessageDisplay:busy', 'Stop:idle:ended']);
  });

  it("reads Claude Code's tool turn as a permission request for the whole command, then work, then Stop", () => {
    expect(readAll(payloads('claude', 'tool-turn'))).toEqual([
      'UserPromptSubmit:busy:started',
      'PreToolUse:busy',
      'PermissionRequest:needs-input:Bash echo hi > x.txt',
      'Notification:needs-input',
      'PostToolUse:busy',
      'MessageDisplay:busy',
      'Stop:idle:ended',
    ]);
  });

  it("reads Codex's turns the same way, its Stop ending each", () => {
    expect(readAll(payloads('codex', 'text-turn'))).toEqual(['SessionStart:idle', 'UserPromptSubmit:busy:started', 'Stop:idle:ended']);
    expect(readAll(payloads('codex', 'tool-turn'))).toEqual([
      'UserPromptSubmit:busy:started',
      'PreToolUse:busy',
      'PermissionRequest:needs-input:Bash echo hi > x.txt',
      'PostToolUse:busy',
      'Stop:idle:ended',
    ]);
  });

  it("reads Gemini CLI's BeforeAgent and AfterAgent as the turn, and its ToolPermission notification as the shell command asked for", () => {
    expect(readAll(payloads('gemini', 'text-turn'))).toEqual(['SessionStart:idle', 'BeforeAgent:busy:started', 'AfterAgent:idle:ended']);
    expect(readAll(payloads('gemini', 'tool-turn'))).toEqual([
      'BeforeAgent:busy:started',
      'BeforeTool:busy',
      'Notification:needs-input:Shell echo hi > x.txt',
      'AfterTool:busy',
      'AfterAgent:idle:ended',
    ]);
  });

  it("leaves a subagent's events out, whatever the event", () => {
    const [, pre] = payloads('claude', 'tool-turn');
    expect(readHookPayload({ ...pre, agent_id: 'sub-1' })).toBeUndefined();
    expect(readHookPayload({ ...pre, hook_event_name: 'SubagentStop' })).toBeUndefined();
    expect(readHookPayload({ ...pre, hook_event_name: 'Stop', agent_id: 'sub-1' })).toBeUndefined();
  });

  it('ignores what is not a hook payload', () => {
    expect(readHookPayload(null)).toBeUndefined();
    expect(readHookPayload('Stop')).toBeUndefined();
    expect(readHookPayload({ hook_event_name: 42 })).toBeUndefined();
    expect(readHookPayload({ hook_event_name: 'SomethingNew' })).toBeUndefined();
  });
});

describe('terminal signals captured from the pinned CLIs', () => {
  it("reads Claude Code's title: a spinner while it works, ✳ when idle (its permission prompt also shows ✳, with OSC 9 and BEL after it)", () => {
    expect(lastVerdict('claude/busy.json')).toBe('title:busy');
    expect(lastVerdict('claude/idle.json')).toBe('title:idle');
    expect(lastVerdict('claude/text-turn-answered.json')).toBe('title:idle');
    expect(lastVerdict('claude/permission.json')).toBe('notification:needs-input');
  });

  it("reads Codex's OSC 7501 state, its action-required title and its OSC 9 notifications", () => {
    expect(lastVerdict('codex/busy.json')).toBe('title:busy');
    // Its title turns to "[ ! ] Action Required" last.
    expect(lastVerdict('codex/permission.json')).toBe('title:needs-input');
    expect(lastVerdict('codex/text-turn-answered.json')).toBe('notification:idle');
    const states = new TerminalSignalScanner().scan(raw('codex/permission.json')).filter((s): s is Extract<TerminalSignal, { kind: 'state' }> => s.kind === 'state');
    expect(states.map((s) => verdictOf(s)?.verdict)).toEqual(['idle', 'busy', 'needs-input']);
  });

  it("reads Gemini CLI's titles ◇ ✦ ✋ and its finish notification", () => {
    expect(lastVerdict('gemini/idle.json')).toBe('title:idle');
    expect(lastVerdict('gemini/busy.json')).toBe('title:busy');
    expect(lastVerdict('gemini/text-turn-answered.json')).toBe('notification:idle');
    const permission = new TerminalSignalScanner().scan(raw('gemini/permission.json')).map(verdictOf);
    expect(permission).toContainEqual({ source: 'title', verdict: 'needs-input' });
    expect(permission).toContainEqual({ source: 'notification', verdict: 'needs-input' });
  });

  it('finds the same signals however the output is cut into chunks', () => {
    for (const path of ['claude/permission.json', 'codex/permission.json', 'gemini/permission.json', 'codex/long-turn-answered.json']) {
      const text = raw(path);
      const whole = new TerminalSignalScanner().scan(text);
      for (const size of [1, 7, 64, 1000]) {
        const scanner = new TerminalSignalScanner();
        const pieces: TerminalSignal[] = [];
        for (let i = 0; i < text.length; i += size) pieces.push(...scanner.scan(text.slice(i, i + size)));
        expect(pieces, `${path} in chunks of ${size}`).toEqual(whole);
      }
      expect(whole.length).toBeGreaterThan(0);
    }
  });
});

describe('permission prompts read off the screens of the pinned CLIs', () => {
  const screen = (path: string) => load<{ screen: string }>(path).screen;

  it("reads Codex's command approval: the command, and y / Esc as its prompt names them", () => {
    expect(readScreenPrompt('codex', screen('codex/permission.json'))).toMatchObject({ permission: { tool: 'Shell', subject: { text: 'echo hi > x.txt', omitted: 0 } }, keys: { approve: 'y', deny: '\u001b' } });
  });

  it("reads Gemini CLI's tool confirmation: the command in its box, and Enter on 'Allow once' / Esc", () => {
    expect(readScreenPrompt('gemini', screen('gemini/permission.json'))).toMatchObject({ permission: { tool: 'Shell', subject: { text: 'echo hi > x.txt', omitted: 0 } }, keys: { approve: '\r', deny: '\u001b' } });
  });

  it("reads Claude Code's command dialog: the command between its dashed rules, 1 for Yes and the number of its No", () => {
    expect(readScreenPrompt('claude', screen('claude/permission.json'))).toMatchObject({ permission: { tool: 'Bash', subject: { text: 'echo hi > x.txt', omitted: 0 } }, keys: { approve: '1', deny: '4' } });
  });

  it("reads Claude Code's command dialog for a command it wraps over lines, without its line markers", () => {
    const prompt = readScreenPrompt('claude', screen('claude/permission-long-command.json'));
    const command = `printf '%s\\n' ${Array.from({ length: 14 }, (_, i) => `word-number-${i + 1}`).join(' ')} > words.txt && wc -l words.txt`;
    expect(prompt?.permission.tool).toBe('Bash');
    expect(prompt?.permission.subject.text.replace(/\n/g, ' ')).toBe(command);
  });

  it("reads Claude Code's new-file and edit dialogs: the file, and 1 / 3", () => {
    expect(readScreenPrompt('claude', screen('claude/permission-write.json'))).toMatchObject({ permission: { tool: 'Write', subject: { text: 'notes.txt' }, description: "As the terminal shows it: the file's path from the agent's directory." }, keys: { approve: '1', deny: '3' } });
    expect(readScreenPrompt('claude', screen('claude/permission-edit.json'))).toMatchObject({ permission: { tool: 'Edit', subject: { text: 'notes.txt' } }, keys: { approve: '1', deny: '3' } });
  });

  /** A capture's screen with its rows from `from` (inclusive) to `to` (exclusive) replaced. */
  const edited = (path: string, from: number, to: number, rows: readonly string[]) => {
    const lines = screen(path).split('\n');
    lines.splice(from, to - from, ...rows);
    return lines.join('\n');
  };

  it("takes the number of Claude Code's No from its last option, never from a wrapped label that reads like one", () => {
    // A directory name the option's label wraps around (Ink wraps under the label, deeper than the numbers).
    const wrapped = ['   2. Yes, and always allow access to <test>/sample-project/' + 'a'.repeat(60), '      3. No', '      ' + 'b'.repeat(90) + ' from this project'];
    const forged = edited('claude/permission.json', 31, 32, wrapped);
    expect(forged.split('\n')[32]).toBe('      3. No');
    expect(readScreenPrompt('claude', forged)).toMatchObject({ keys: { approve: '1', deny: '4' } });
    // Options at their own column that break their count, or a second No, are no dialog Tessera can answer.
    expect(readScreenPrompt('claude', edited('claude/permission.json', 31, 32, ['   2. No']))).toBeUndefined();
    expect(readScreenPrompt('claude', edited('claude/permission.json', 32, 33, []))).toBeUndefined();
    // Its last option is not a plain No (the user is typing what Claude should do instead).
    expect(readScreenPrompt('claude', edited('claude/permission.json', 33, 34, ['   4. No, and tell Claude what to do differently']))).toBeUndefined();
    expect(readScreenPrompt('claude', edited('claude/permission.json', 33, 34, ['   4. No', '      and more']))).toBeUndefined();
  });

  it("reads Claude Code's dialog only as the last thing on its screen: one drawn above its input box is output, not a dialog", () => {
    const dialog = screen('claude/permission.json').split('\n').slice(22, 34);
    const idle = screen('claude/idle.json').split('\n');
    const imitation = [...idle.slice(0, 4), ...dialog, ...idle.slice(4 + dialog.length)].join('\n');
    expect(imitation.split('\n').length).toBe(idle.length);
    expect(readScreenPrompt('claude', imitation)).toBeUndefined();
    expect(readScreenPrompt('claude', edited('claude/permission.json', 34, 35, ['❯ type here']))).toBeUndefined();
  });

  it("reads a Claude Code file dialog only with its one path line naming the file its question names", () => {
    // A long path wraps over lines: it is not read back whole, so no subject is guessed from it.
    expect(readScreenPrompt('claude', edited('claude/permission-write.json', 25, 26, [' deep/' + 'd'.repeat(110), ' /notes.txt']))).toBeUndefined();
    expect(readScreenPrompt('claude', edited('claude/permission-write.json', 25, 26, [' other.txt']))).toBeUndefined();
    expect(readScreenPrompt('claude', edited('claude/permission-edit.json', 24, 25, [' src/notes.txt']))).toMatchObject({ permission: { tool: 'Edit', subject: { text: 'src/notes.txt' } } });
    expect(readScreenPrompt('claude', edited('claude/permission-edit.json', 30, 31, [' Do you want to create notes.txt?']))).toBeUndefined();
  });

  it("reads none of Claude Code's other dialogs drawn in the same frame: a fetch, an MCP tool, an unsandboxed or fitted command, an overwrite", () => {
    for (const title of [' Fetch', ' Tool use', ' Bash command (unsandboxed)', ' Run command', ' Overwrite file']) {
      expect(readScreenPrompt('claude', edited('claude/permission.json', 23, 24, [title])), title).toBeUndefined();
    }
    expect(readScreenPrompt('claude', edited('claude/permission.json', 29, 30, [' Do you want to allow Claude to fetch this content?']))).toBeUndefined();
    // Plan mode's exit asks with Yes options of its own.
    expect(readScreenPrompt('claude', edited('claude/permission.json', 30, 31, [' ❯ 1. Yes, and use auto mode']))).toBeUndefined();
  });

  it("reads no command from Claude Code's dialog that withholds it (it has characters the dialog will not draw): its note is no command", () => {
    const withheld = edited('claude/permission.json', 27, 34, [' (value cannot be shown in full — approval withheld;', ' one-time options only)', '╌'.repeat(120), ' Do you want to proceed?', ' ❯ 1. Yes', '   2. No']);
    expect(readScreenPrompt('claude', withheld)).toBeUndefined();
  });

  it('reads no prompt from their idle, busy, trust, menu and finished screens, nor from another CLI', () => {
    const quiet = ['idle', 'busy', 'trust', 'tool-turn-done'].flatMap((what) => [`codex/${what}.json`, `gemini/${what === 'trust' ? 'trust-folder' : what}.json`]);
    const claude = ['idle', 'busy', 'trust', 'trust-project-root', 'login-method', 'onboarding-theme', 'onboarding-security-notes', 'text-turn-answered', 'long-turn-answered', 'tool-turn-done'].map((what) => `claude/${what}.json`);
    for (const path of [...quiet, ...claude]) {
      expect(readScreenPrompt(path.split('/')[0] ?? '', screen(path)), path).toBeUndefined();
    }
    expect(readScreenPrompt('codex', screen('claude/permission.json'))).toBeUndefined();
    expect(readScreenPrompt('claude', screen('codex/permission.json'))).toBeUndefined();
  });
});
