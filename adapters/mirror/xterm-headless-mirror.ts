// Both packages ship CommonJS whose named exports Node's ESM loader cannot see: take the default.
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import type { TerminalMirror, TerminalMirrorFactory } from '../../domain/ports/terminal-mirror.port';
import type { TerminalSize } from '../../domain/session';

const SCROLLBACK = 5000;

/** The session's screen kept in the main process, so views can detach and re-attach (DESIGN §5). */
export class XtermHeadlessMirror implements TerminalMirror {
  private readonly terminal: InstanceType<typeof headless.Terminal>;
  private readonly serializer: InstanceType<typeof serialize.SerializeAddon>;
  private disposed = false;

  constructor(size: TerminalSize, scrollback = SCROLLBACK) {
    this.terminal = new headless.Terminal({ cols: size.cols, rows: size.rows, scrollback, allowProposedApi: true });
    this.serializer = new serialize.SerializeAddon();
    this.terminal.loadAddon(this.serializer);
  }

  write(data: string): void {
    if (!this.disposed) this.terminal.write(data);
  }

  resize(size: TerminalSize): void {
    if (!this.disposed) this.terminal.resize(size.cols, size.rows);
  }

  serialize(): Promise<string> {
    return this.afterPendingWrites(() => this.serializer.serialize());
  }

  screenText(): Promise<string> {
    return this.afterPendingWrites(() => {
      const buffer = this.terminal.buffer.active;
      const lines: string[] = [];
      for (let row = 0; row < this.terminal.rows; row++) {
        lines.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
      }
      return lines.join('\n');
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.terminal.dispose();
  }

  /**
   * xterm parses writes asynchronously, in order, and calls a write's callback right after
   * parsing it: reading inside the callback of an empty write sees exactly the bytes written
   * before this call, no more, so a snapshot plus the output after it never repeats a byte.
   */
  private afterPendingWrites(read: () => string): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    return new Promise((resolve) => this.terminal.write('', () => resolve(read())));
  }
}

export class XtermHeadlessMirrorFactory implements TerminalMirrorFactory {
  constructor(private readonly scrollback = SCROLLBACK) {}

  create(size: TerminalSize): TerminalMirror {
    return new XtermHeadlessMirror(size, this.scrollback);
  }
}
