import { visibleText, type VisibleText } from './visible-text';

/**
 * What an agent CLI says about itself, beside what its screen shows: its hook events (Claude Code,
 * Codex and Gemini CLI run a command Tessera gives them at each event), its terminal notifications
 * (OSC 9 / 99 / 777, BEL, and Codex's OSC 7501 state) and its terminal titles. Each is read into a
 * verdict (busy, idle, needs-input); `combineStatus` ranks them: hooks, then notifications, then
 * titles, then the screen's patterns.
 */

export type SignalSource = 'hooks' | 'notification' | 'title' | 'screen';
export type SignalVerdict = 'busy' | 'idle' | 'needs-input';

/** What an agent asks permission for, as the user should see it. */
export interface PermissionAsk {
  /** The tool's name as the CLI gives it (Bash, Write, run_shell_command). */
  readonly tool: string;
  /** The whole command, file or input, controls made visible. */
  readonly subject: VisibleText;
  /** The CLI's own words about it, if it gave any. */
  readonly description?: string;
}

export interface HookSignal {
  readonly event: string;
  readonly verdict?: SignalVerdict;
  readonly turn?: 'started' | 'ended';
  readonly permission?: PermissionAsk;
  /** The CLI session ended (`/exit`): its hooks say nothing more. */
  readonly ended?: boolean;
}

/**
 * One hook payload (the JSON a CLI writes to its hook command's stdin) read as a signal. Undefined
 * for what does not speak about the pane: a subagent's events (they carry `agent_id`, or are
 * Subagent*), unknown events and malformed payloads.
 */
export function readHookPayload(payload: unknown): HookSignal | undefined {
  if (!isRecord(payload)) return undefined;
  const event = payload.hook_event_name;
  if (typeof event !== 'string') return undefined;
  if (typeof payload.agent_id === 'string' || event.startsWith('Subagent')) return undefined;
  switch (event) {
    case 'SessionStart':
      return { event, verdict: 'idle' };
    case 'UserPromptSubmit':
    case 'BeforeAgent':
      return { event, verdict: 'busy', turn: 'started' };
    case 'PreToolUse':
    case 'BeforeTool':
    case 'PostToolUse':
    case 'AfterTool':
    case 'MessageDisplay':
      return { event, verdict: 'busy' };
    case 'PermissionRequest':
      return { event, verdict: 'needs-input', permission: permissionOf(payload.tool_name, payload.tool_input) };
    case 'Notification':
      return notification(event, payload);
    case 'Stop':
    case 'AfterAgent':
      return { event, verdict: 'idle', turn: 'ended' };
    case 'SessionEnd':
      return { event, ended: true };
    default:
      return undefined;
  }
}

function notification(event: string, payload: Record<string, unknown>): HookSignal | undefined {
  const type = payload.notification_type;
  if (type === 'permission_prompt') return { event, verdict: 'needs-input' };
  if (type === 'idle_prompt') return { event, verdict: 'idle' };
  if (type === 'ToolPermission') {
    const details = isRecord(payload.details) ? payload.details : {};
    const command = typeof details.command === 'string' ? details.command : undefined;
    const title = typeof details.title === 'string' ? details.title : 'Tool';
    return { event, verdict: 'needs-input', permission: permissionOf(command !== undefined ? 'Shell' : title, command !== undefined ? { command } : details) };
  }
  return undefined;
}

/** The tool's subject: a shell command, else a file, else its whole input as JSON. */
export function permissionOf(tool: unknown, input: unknown): PermissionAsk {
  const name = typeof tool === 'string' && tool.trim() !== '' ? tool : 'a tool';
  const fields = isRecord(input) ? input : {};
  const subject =
    typeof fields.command === 'string' ? fields.command
    : typeof fields.file_path === 'string' ? fields.file_path
    : typeof fields.path === 'string' ? fields.path
    : typeof fields.url === 'string' ? fields.url
    : JSON.stringify(input ?? {}, null, 1);
  const description = typeof fields.description === 'string' ? visibleText(fields.description, 500).text : undefined;
  return { tool: visibleText(name, 100).text, subject: visibleText(subject), ...(description ? { description } : {}) };
}

// Braille spinner (Codex), quarter circles (Claude's ◐◓◑◒), Gemini's ✦.
const SPINNER = /^[\u2800-\u28ff\u25d0-\u25d3\u25f4-\u25f7✦]\s/u;

/** A terminal title (OSC 0/2) read as a verdict, or undefined when it says nothing of the kind. */
export function readTitle(title: string): SignalVerdict | undefined {
  const text = title.trim();
  if (text === '') return undefined;
  if (/^✋|Action Required/u.test(text)) return 'needs-input';
  if (SPINNER.test(text)) return 'busy';
  if (/^[✳◇]\s/u.test(text)) return 'idle';
  return undefined;
}

/** A terminal notification read as a verdict: questions need input; anything else is a reply that finished. */
export function readNotification(text: string): SignalVerdict {
  return /approval|permission|needs your (attention|input)|requires? (your )?(input|confirmation)/i.test(text) ? 'needs-input' : 'idle';
}

/** Codex's OSC 7501 `state=...` report. */
export function readTerminalState(body: string): SignalVerdict | undefined {
  const state = /(?:^|:)state=([a-z]+)/.exec(body)?.[1];
  if (state === 'working') return 'busy';
  if (state === 'blocked') return 'needs-input';
  if (state === 'idle' || state === 'done') return 'idle';
  return undefined;
}

export type TerminalSignal =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'notification'; readonly text: string }
  | { readonly kind: 'bell' }
  | { readonly kind: 'state'; readonly body: string };

/**
 * The verdicts of one chunk's signals, in order. A bell right after a notification is that
 * notification's sound (Claude's iTerm2 channel sends OSC 9 then BEL), not a signal of its own.
 * `titles: false` leaves the titles out.
 */
export function verdictsOf(signals: readonly TerminalSignal[], options: { readonly titles?: boolean } = {}): Array<{ readonly source: 'notification' | 'title'; readonly verdict: SignalVerdict }> {
  const out: Array<{ readonly source: 'notification' | 'title'; readonly verdict: SignalVerdict }> = [];
  signals.forEach((signal, i) => {
    if (signal.kind === 'bell' && signals[i - 1]?.kind === 'notification') return;
    if (signal.kind === 'title' && options.titles === false) return;
    const read = verdictOf(signal);
    if (read) out.push(read);
  });
  return out;
}

/** The CLIs whose titles and notifications are known to mean what `verdictOf` reads (by the name of the program a profile runs). */
export function readsTerminalSignals(command: string): boolean {
  const program = programName(command);
  return program === 'claude' || program === 'codex' || program === 'gemini';
}

/** The name of the program a command line's first word runs: `/usr/local/bin/claude` -> `claude`. */
export function programName(command: string): string {
  return (command.split(/[\\/]/).pop() ?? '').replace(/\.(exe|cmd)$/i, '').toLowerCase();
}

/** The verdict and source a terminal signal gives, if any. */
export function verdictOf(signal: TerminalSignal): { readonly source: 'notification' | 'title'; readonly verdict: SignalVerdict } | undefined {
  switch (signal.kind) {
    case 'title': {
      const verdict = readTitle(signal.text);
      return verdict ? { source: 'title', verdict } : undefined;
    }
    case 'notification':
      return { source: 'notification', verdict: readNotification(signal.text) };
    case 'bell':
      // A bell says the agent waits for the user, not whether it asks something: the screen tells that.
      return { source: 'notification', verdict: 'idle' };
    case 'state': {
      const verdict = readTerminalState(signal.body);
      return verdict ? { source: 'notification', verdict } : undefined;
    }
  }
}

/** Longest OSC body kept while waiting for its end; a longer one is dropped (no agent title or notification is that long). */
const MAX_OSC = 8192;

/**
 * Finds titles, notifications, bells and state reports in a terminal's output, chunk by chunk: a
 * sequence split across chunks is found once, whole. Pure apart from its carried-over partial sequence.
 */
export class TerminalSignalScanner {
  private pending = '';

  scan(chunk: string): TerminalSignal[] {
    const text = this.pending + chunk;
    this.pending = '';
    const found: TerminalSignal[] = [];
    let i = 0;
    while (i < text.length) {
      const esc = text.indexOf('\u001b]', i);
      const bel = text.indexOf('\u0007', i);
      if (bel !== -1 && (esc === -1 || bel < esc)) {
        found.push({ kind: 'bell' });
        i = bel + 1;
        continue;
      }
      if (esc === -1) {
        // A lone ESC at the end may begin an OSC.
        if (text.endsWith('\u001b')) this.pending = '\u001b';
        break;
      }
      const end = oscEnd(text, esc + 2);
      if (!end) {
        const rest = text.slice(esc);
        if (rest.length <= MAX_OSC) this.pending = rest;
        break;
      }
      const signal = oscSignal(text.slice(esc + 2, end.bodyEnd));
      if (signal) found.push(signal);
      i = end.next;
    }
    return found;
  }
}

function oscEnd(text: string, from: number): { bodyEnd: number; next: number } | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\u0007') return { bodyEnd: i, next: i + 1 };
    if (c === '\u001b') {
      if (i + 1 >= text.length) return undefined;
      return { bodyEnd: i, next: text[i + 1] === '\\' ? i + 2 : i + 1 };
    }
  }
  return undefined;
}

function oscSignal(body: string): TerminalSignal | undefined {
  const semi = body.indexOf(';');
  const code = semi === -1 ? body : body.slice(0, semi);
  const rest = semi === -1 ? '' : body.slice(semi + 1);
  switch (code) {
    case '0':
    case '2':
      return { kind: 'title', text: rest };
    case '9':
      // OSC 9;4 is a progress report (ConEmu), not a notification.
      return /^4;/.test(rest) ? undefined : { kind: 'notification', text: rest };
    case '99':
      return { kind: 'notification', text: rest.slice(rest.indexOf(';') + 1) };
    case '777':
      return rest.startsWith('notify;') ? { kind: 'notification', text: rest.slice('notify;'.length).replace(';', ': ') } : undefined;
    case '7501':
      return { kind: 'state', body: rest };
    default:
      return undefined;
  }
}

/** The latest verdict each source gave; hooks' holds until a newer hook event or the request it answered goes away. */
export interface SignalLayers {
  readonly hooks?: SignalVerdict;
  /** Notifications and titles are moments, not states: the newer of them speaks, a notification winning a tie. */
  readonly terminal?: { readonly source: 'notification' | 'title'; readonly verdict: SignalVerdict };
}

export interface CombinedStatus {
  readonly status: SignalVerdict;
  readonly source: SignalSource;
}

/**
 * The pane's status from its layers, highest first. A question on the screen still counts under an
 * idle verdict from above (Claude's title reads ✳ and Gemini's "Ready" while a trust or login menu
 * waits), but never under a busy one; so does a CLI still loading (`screenLoads`: Gemini's "Resuming
 * session..." under its "Ready" title). Undefined when no signal has spoken: the screen machine decides.
 */
export function combineStatus(layers: SignalLayers, screenAsks: boolean, screenLoads = false): CombinedStatus | undefined {
  const top: CombinedStatus | undefined = layers.hooks ? { status: layers.hooks, source: 'hooks' } : layers.terminal ? { status: layers.terminal.verdict, source: layers.terminal.source } : undefined;
  if (!top) return undefined;
  if (top.status === 'idle' && screenAsks) return { status: 'needs-input', source: 'screen' };
  if (top.status === 'idle' && screenLoads) return { status: 'busy', source: 'screen' };
  return top;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ApprovalDecision = 'approve' | 'deny';

/** What a permission hook prints to answer its CLI (Claude Code's PermissionRequest decision). */
export function permissionDecisionOutput(decision: ApprovalDecision): string {
  const verdict = decision === 'approve' ? { behavior: 'allow' } : { behavior: 'deny', message: 'Denied by the user in Tessera.' };
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: verdict } });
}

/** A permission prompt read off the screen, and the keys that answer it the way the prompt itself says. */
export interface ScreenPrompt {
  readonly permission: PermissionAsk;
  readonly keys: { readonly approve: string; readonly deny: string };
}

const NOT_WHOLE = 'As the terminal shows it: a long command may be wrapped or cut there.';
const FILE_FROM_DIRECTORY = "As the terminal shows it: the file's path from the agent's directory.";

/**
 * The CLIs' permission prompts, as they stand on the screen, and the prompt's own keys that answer
 * them: Codex's and Gemini CLI's command approvals (Codex holds its prompt back while a hook waits, so
 * its permission hook only reports the request; Gemini's hooks can announce a request but never answer
 * it), and Claude Code's permission dialogs (a command, a new file, an edit), which its
 * PermissionRequest hook answers while it waits and the keys answer once it no longer does (hooks
 * disabled in the user's settings, a hook that gave up). Only these verbatim prompts are read;
 * anything else on the screen is a question for the terminal.
 */
export function readScreenPrompt(cli: string, screen: string): ScreenPrompt | undefined {
  const lines = screen.split(/\r?\n/).map((line) => line.trimEnd());
  if (cli === 'codex') {
    const ask = lines.findIndex((line) => /^\s*Would you like to run the following command\?/.test(line));
    if (ask === -1) return undefined;
    const options = lines.findIndex((line, i) => i > ask && /^\W*1\.\s*Yes, proceed \(y\)/.test(line));
    const start = lines.findIndex((line, i) => i > ask && /^\s*\$ /.test(line));
    if (options === -1 || start === -1 || start > options) return undefined;
    const command = lines.slice(start, options).map((line, i) => (i === 0 ? line.replace(/^\s*\$ /, '') : line.trim())).filter((line) => line !== '').join('\n');
    return { permission: { tool: 'Shell', subject: visibleText(command), description: NOT_WHOLE }, keys: { approve: 'y', deny: '\u001b' } };
  }
  if (cli === 'gemini') {
    const ask = lines.findIndex((line) => /Allow execution of \[([^\]]+)\]\?/.test(line));
    if (ask === -1) return undefined;
    const tool = /Allow execution of \[([^\]]+)\]\?/.exec(lines[ask] ?? '')?.[1] ?? 'Shell';
    const options = lines.findIndex((line, i) => i > ask && /●\s*1\.\s*Allow once/.test(line));
    if (options === -1) return undefined;
    // The command's own box sits between the question's title line and the question.
    const body: string[] = [];
    let inBox = false;
    for (const line of lines.slice(0, ask).reverse()) {
      if (/╰/.test(line) && !inBox) {
        inBox = true;
        continue;
      }
      if (inBox && /╭/.test(line)) break;
      if (inBox) body.unshift(/^[\s│]*│ (.*?)\s*│[\s│]*$/.exec(line)?.[1] ?? '');
    }
    const command = body.join('\n').trim();
    if (command === '') return undefined;
    return { permission: { tool, subject: visibleText(command), description: NOT_WHOLE }, keys: { approve: '\r', deny: '\u001b' } };
  }
  if (cli === 'claude') return claudeDialog(lines);
  return undefined;
}

/** What Claude Code's command dialog shows in place of a command it will not draw whole (it holds characters that draw nothing). */
const CLAUDE_WITHHELD = '(value cannot be shown in full — approval withheld; one-time options only)';

/** Claude Code's dialog titles: the tool each stands for (as its hooks name it), and the question under it. */
const CLAUDE_DIALOGS: Readonly<Record<string, { readonly tool: string; readonly question: RegExp }>> = {
  'Bash command': { tool: 'Bash', question: /^Do you want to proceed\?$/ },
  'Create file': { tool: 'Write', question: /^Do you want to create (.+)\?$/ },
  'Edit file': { tool: 'Edit', question: /^Do you want to make this edit to (.+)\?$/ },
};

/**
 * Claude Code's permission dialog, the last thing on its screen: under a full-width rule, its title
 * ("Bash command", "Create file", "Edit file"), then what it is about between two dashed rules (the
 * command, or the file's contents or diff under the file's path), then its question over its numbered
 * options. The keys are the options' own numbers: `1` ("Yes", under the cursor) and the number of "No".
 * A file dialog is read only with its path on one line (a wrapped path may have lost a space where it
 * broke), ending in the file its question names; a command dialog not with the note it shows for a
 * command it withholds.
 */
function claudeDialog(lines: readonly string[]): ScreenPrompt | undefined {
  const ask = lines.findLastIndex((line) => /^\s*Do you want to .*\?$/.test(line));
  const deny = ask === -1 ? undefined : claudeNoOption(lines, ask + 1);
  const rule = lines.findLastIndex((line, i) => i < ask && /^─{10,}$/.test(line));
  const dashed = lines.flatMap((line, i) => (i > rule && i < ask && /^╌{10,}$/.test(line) ? [i] : []));
  const [open, close] = dashed;
  if (deny === undefined || rule === -1 || dashed.length !== 2 || open === undefined || close !== ask - 1) return undefined;
  const dialog = CLAUDE_DIALOGS[(lines[rule + 1] ?? '').trim()];
  const question = dialog?.question.exec((lines[ask] ?? '').trim());
  if (!dialog || !question) return undefined;
  let subject: string;
  if (dialog.tool === 'Bash') {
    subject = lines.slice(open + 1, close).map((line) => line.replace(/^\s*│ ?/, '').trim()).filter((line) => line !== '').join('\n');
    if (subject.replace(/\s+/g, ' ') === CLAUDE_WITHHELD) return undefined;
  } else {
    const file = question[1] ?? '';
    subject = open === rule + 3 ? (lines[rule + 2] ?? '').trim() : '';
    if (subject !== file && !subject.endsWith(`/${file}`)) return undefined;
  }
  if (subject === '') return undefined;
  return { permission: { tool: dialog.tool, subject: visibleText(subject), description: dialog.tool === 'Bash' ? NOT_WHOLE : FILE_FROM_DIRECTORY }, keys: { approve: '1', deny } };
}

/**
 * The number of a Claude dialog's "No", read from its whole list of options from `from` on: the cursor
 * on "1. Yes", each further option on a line of its own at the same column, numbered on from there (a
 * line set deeper carries on the label above it, as a long label wraps), the last one and no other
 * exactly "No", and under them nothing but blank lines and the "Esc to cancel" hint. A label's wrapped
 * words or an input's text may read like an option; they never sit at the options' column in their count.
 */
function claudeNoOption(lines: readonly string[], from: number): string | undefined {
  const first = /^(\s*❯\s*)1\.\s+Yes$/.exec(lines[from] ?? '');
  if (!first) return undefined;
  const column = first[1]?.length ?? 0;
  const labels = ['Yes'];
  let end = from + 1;
  for (; end < lines.length && (lines[end] ?? '') !== ''; end++) {
    const line = lines[end] ?? '';
    const option = /^(\s*)(\d+)\.\s+(.*)$/.exec(line);
    if (option && option[1]?.length === column) {
      if (Number(option[2]) !== labels.length + 1) return undefined;
      labels.push(option[3] ?? '');
    } else if ((/^\s*/.exec(line)?.[0].length ?? 0) > column) {
      labels[labels.length - 1] += ` ${line.trim()}`;
    } else return undefined;
  }
  if (labels.length < 2 || labels.length > 9 || labels.indexOf('No') !== labels.length - 1) return undefined;
  if (!lines.slice(end).every((line) => line.trim() === '' || /^\s*Esc to cancel\b/.test(line))) return undefined;
  return String(labels.length);
}
