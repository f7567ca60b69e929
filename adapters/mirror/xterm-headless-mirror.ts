// Both packages ship CommonJS whose named exports Node's ESM loader cannot see: take the default.
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import type { Disposable } from '../../domain/ports/disposable';
import { DEFAULT_TERMINAL_MODES, type ScreenTextOptions, type SerializeOptions, type TerminalMirror, type TerminalMirrorFactory, type TerminalModes } from '../../domain/ports/terminal-mirror.port';
import type { TerminalSize } from '../../domain/session';
import { DEFAULT_PALETTE, paletteReplies, specialColourReplies, versionReply, type TerminalPalette } from './terminal-answers';

/**
 * Lines kept for a re-attaching view. Each line costs cols x 12 bytes whatever it holds (about 1.4 KB
 * at 120 columns), so 5000 lines were 7 MB per session and over 100 MB with 16 agents; 1000 lines
 * (VS Code restores 100 on reconnect) keep a screenful of history for a fraction of that.
 */
const SCROLLBACK = 1000;

/** The part of xterm's core that parses in the caller's turn (public in 5.x, internal in 6.0). */
interface SyncWriter {
  writeSync(data: string): void;
}

function syncWriterOf(terminal: object): SyncWriter | undefined {
  const core = (terminal as { _core?: Partial<SyncWriter> })._core;
  return core && typeof core.writeSync === 'function' ? (core as SyncWriter) : undefined;
}

/**
 * The session's screen kept in the main process, so views can detach and re-attach.
 *
 * Output is parsed synchronously, in the turn it arrives. xterm's own write() queues the text and
 * parses it later in 12 ms slices, with no way to push back: a flooding agent outruns the parser
 * (about 30 MB/s here, 10 MB/s for `yes`), the queue grows without bound (hundreds of MB with 16
 * agents) and, past 50 MB, xterm throws "write data discarded". Parsing in the caller's turn makes
 * the PTY's reader wait for the parser, so the kernel's PTY buffer fills and the agent blocks: memory
 * stays bounded, and the event loop is held for one read (about 2 ms) instead of a 12 ms slice.
 * When the core offers no synchronous write (a future xterm), it falls back to the queued write.
 */
export class XtermHeadlessMirror implements TerminalMirror {
  private readonly terminal: InstanceType<typeof headless.Terminal>;
  private readonly serializer: InstanceType<typeof serialize.SerializeAddon>;
  private readonly sync: SyncWriter | undefined;
  private readonly replyListeners = new Set<(reply: string) => void>();
  private disposed = false;

  constructor(size: TerminalSize, scrollback = SCROLLBACK, palette: TerminalPalette = DEFAULT_PALETTE) {
    // logLevel off: writeSync announces its own deprecation once per process on every start.
    this.terminal = new headless.Terminal({ cols: size.cols, rows: size.rows, scrollback, allowProposedApi: true, logLevel: 'off' });
    this.serializer = new serialize.SerializeAddon();
    this.terminal.loadAddon(this.serializer);
    this.sync = syncWriterOf(this.terminal);
    // A headless terminal has no keyboard or mouse: what its core sends is its answers to queries.
    this.terminal.onData((reply) => this.reply(reply));
    this.answerWhatTheCoreDoesNot(palette);
  }

  write(data: string): void {
    if (this.disposed) return;
    if (this.sync) this.sync.writeSync(data);
    else this.terminal.write(data);
  }

  resize(size: TerminalSize): void {
    if (!this.disposed) this.terminal.resize(size.cols, size.rows);
  }

  serialize(options: SerializeOptions = {}): Promise<string> {
    return this.afterPendingWrites(() => this.serializer.serialize(options.scrollback === false ? { scrollback: 0 } : {}));
  }

  screenText(options: ScreenTextOptions = {}): Promise<string> {
    return this.afterPendingWrites(() => {
      const buffer = this.terminal.buffer.active;
      const lines: string[] = [];
      const first = Math.max(0, buffer.viewportY - Math.max(0, options.scrollbackLines ?? 0));
      for (let row = first; row < buffer.viewportY + this.terminal.rows; row++) {
        lines.push((buffer.getLine(row)?.translateToString(true) ?? '').trimEnd());
      }
      return lines.join('\n');
    });
  }

  modes(): Promise<TerminalModes> {
    const read = (): TerminalModes => ({
      bracketedPaste: this.terminal.modes.bracketedPasteMode,
      alternateScreen: this.terminal.buffer.active.type === 'alternate',
      focusEvents: this.terminal.modes.sendFocusMode,
    });
    if (this.disposed) return Promise.resolve(DEFAULT_TERMINAL_MODES);
    if (this.sync) return Promise.resolve(read());
    return new Promise((resolve) => this.terminal.write('', () => resolve(read())));
  }

  onReply(listener: (reply: string) => void): Disposable {
    this.replyListeners.add(listener);
    return { dispose: () => void this.replyListeners.delete(listener) };
  }

  /** Parsed in the caller's turn: never behind. */
  onBacklog(): Disposable {
    return { dispose: () => undefined };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.replyListeners.clear();
    this.terminal.dispose();
  }

  private reply(data: string): void {
    for (const listener of [...this.replyListeners]) listener(data);
  }

  /**
   * Colour queries and XTVERSION, which xterm's core leaves to a themed view. Setting a colour is
   * left to the core (returning false passes the sequence on).
   */
  private answerWhatTheCoreDoesNot(palette: TerminalPalette): void {
    const parser = this.terminal.parser;
    for (const ident of [10, 11, 12]) {
      parser.registerOscHandler(ident, (data) => this.answered(specialColourReplies(ident, data, palette)));
    }
    parser.registerOscHandler(4, (data) => this.answered(paletteReplies(data, palette)));
    parser.registerCsiHandler({ prefix: '>', final: 'q' }, (params) => {
      if ((params[0] ?? 0) !== 0) return false;
      this.reply(versionReply());
      return true;
    });
  }

  private answered(replies: string | undefined): boolean {
    if (replies === undefined) return false;
    this.reply(replies);
    return true;
  }

  /**
   * xterm parses writes asynchronously, in order, and calls a write's callback right after
   * parsing it: reading inside the callback of an empty write sees exactly the bytes written
   * before this call, no more, so a snapshot plus the output after it never repeats a byte.
   */
  private afterPendingWrites(read: () => string): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    // Parsed synchronously: nothing is pending, and reading now is what "before the call" means.
    if (this.sync) return Promise.resolve(read());
    return new Promise((resolve) => this.terminal.write('', () => resolve(read())));
  }
}

export class XtermHeadlessMirrorFactory implements TerminalMirrorFactory {
  constructor(private readonly scrollback = SCROLLBACK, private readonly palette: TerminalPalette = DEFAULT_PALETTE) {}

  create(size: TerminalSize): TerminalMirror {
    return new XtermHeadlessMirror(size, this.scrollback, this.palette);
  }
}
