import type { Disposable } from '../../domain/ports/disposable';
import { DEFAULT_TERMINAL_MODES, type ScreenTextOptions, type SerializeOptions, type TerminalMirror, type TerminalMirrorFactory, type TerminalModes } from '../../domain/ports/terminal-mirror.port';
import type { TerminalSize } from '../../domain/session';

/**
 * A mirror for unit tests that understands plain text, CR and LF only (escape sequences are
 * dropped). Lines wrap at the width; the screen is the last `rows` lines. Of the queries it answers
 * DA1 and the cursor position; of the modes it knows bracketed paste and the alternate screen.
 */
export class PlainTextMirror implements TerminalMirror {
  readonly written: string[] = [];
  disposed = false;
  private lines: string[] = [''];
  private column = 0;
  private currentModes: TerminalModes = DEFAULT_TERMINAL_MODES;
  private readonly replyListeners = new Set<(reply: string) => void>();

  constructor(private size: TerminalSize) {}

  write(data: string): void {
    if (this.disposed) return;
    this.written.push(data);
    for (const [token] of data.matchAll(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[^]/gu)) {
      if (token.startsWith('\x1b')) this.control(token);
      else this.print(token);
    }
  }

  private control(sequence: string): void {
    const mode = /^\x1b\[\?(\d+)([hl])$/.exec(sequence);
    if (mode) {
      const on = mode[2] === 'h';
      if (mode[1] === '2004') this.currentModes = { ...this.currentModes, bracketedPaste: on };
      if (mode[1] === '1004') this.currentModes = { ...this.currentModes, focusEvents: on };
      if (['47', '1047', '1049'].includes(mode[1]!)) this.currentModes = { ...this.currentModes, alternateScreen: on };
    } else if (sequence === '\x1b[c' || sequence === '\x1b[0c') this.reply('\x1b[?1;2c');
    else if (sequence === '\x1b[6n') this.reply(`\x1b[${Math.min(this.lines.length, this.size.rows)};${this.column + 1}R`);
  }

  private reply(data: string): void {
    for (const listener of [...this.replyListeners]) listener(data);
  }

  private print(ch: string): void {
    if (ch === '\r') this.column = 0;
    else if (ch === '\n') this.newLine();
    else {
      if (this.column >= this.size.cols) {
        this.newLine();
        this.column = 0;
      }
      const i = this.lines.length - 1;
      const line = (this.lines[i] ?? '').padEnd(this.column, ' ');
      this.lines[i] = line.slice(0, this.column) + ch + line.slice(this.column + 1);
      this.column += 1;
    }
  }

  resize(size: TerminalSize): void {
    if (!this.disposed) this.size = size;
  }

  async serialize(options: SerializeOptions = {}): Promise<string> {
    if (this.disposed) return '';
    const lines = options.scrollback === false ? this.lines.slice(-this.size.rows) : this.lines;
    return lines.map((l) => l.trimEnd()).join('\r\n');
  }

  async screenText(options: ScreenTextOptions = {}): Promise<string> {
    if (this.disposed) return '';
    const visible = this.lines.slice(-this.size.rows).map((l) => l.trimEnd());
    while (visible.length < this.size.rows) visible.push('');
    const above = Math.max(0, this.lines.length - this.size.rows);
    const scrolled = this.lines.slice(Math.max(0, above - Math.max(0, options.scrollbackLines ?? 0)), above).map((l) => l.trimEnd());
    return [...scrolled, ...visible].join('\n');
  }

  async modes(): Promise<TerminalModes> {
    return this.currentModes;
  }

  onReply(listener: (reply: string) => void): Disposable {
    this.replyListeners.add(listener);
    return { dispose: () => void this.replyListeners.delete(listener) };
  }

  private readonly backlogListeners = new Set<(behind: boolean) => void>();

  /** Parses at once; a test makes it report a backlog with `setBehind`. */
  onBacklog(listener: (behind: boolean) => void): Disposable {
    this.backlogListeners.add(listener);
    return { dispose: () => void this.backlogListeners.delete(listener) };
  }

  /** For tests: acts as a mirror that fell behind (true) or caught up (false). */
  setBehind(behind: boolean): void {
    for (const listener of [...this.backlogListeners]) listener(behind);
  }

  dispose(): void {
    this.disposed = true;
  }

  private newLine(): void {
    this.lines.push('');
  }
}

export class PlainTextMirrorFactory implements TerminalMirrorFactory {
  readonly created: PlainTextMirror[] = [];

  create(size: TerminalSize): TerminalMirror {
    const mirror = new PlainTextMirror(size);
    this.created.push(mirror);
    return mirror;
  }
}
