import type { TerminalSize } from '../session';

/** A headless copy of a session's screen, so views can come and go (DESIGN §5). */
export interface TerminalMirror {
  write(data: string): void;
  resize(size: TerminalSize): void;
  /** Escape sequences that redraw the screen and scrollback on a fresh terminal. Resolves after pending writes parsed. */
  serialize(): Promise<string>;
  /** The visible screen as plain text, one line per row, trailing spaces trimmed. */
  screenText(): Promise<string>;
  dispose(): void;
}

export interface TerminalMirrorFactory {
  create(size: TerminalSize): TerminalMirror;
}
