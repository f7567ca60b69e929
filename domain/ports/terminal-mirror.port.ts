import type { Disposable } from './disposable';
import type { TerminalSize } from '../session';

/** What the program on the terminal switched on that a writer must respect. */
export interface TerminalModes {
  /** DECSET 2004: the program wants pasted text between ESC [200~ and ESC [201~. */
  readonly bracketedPaste: boolean;
  /** A full-screen program (top, vim, less) draws on the alternate screen. */
  readonly alternateScreen: boolean;
  /** DECSET 1004: the program is told when its terminal gains and loses focus (ESC [I, ESC [O). */
  readonly focusEvents: boolean;
}

/** The modes of a terminal no program has changed. */
export const DEFAULT_TERMINAL_MODES: TerminalModes = { bracketedPaste: false, alternateScreen: false, focusEvents: false };

export interface SerializeOptions {
  /** Whether lines scrolled off the screen are included (default true). */
  readonly scrollback?: boolean;
}

/** A headless copy of a session's screen, so views can come and go. */
export interface ScreenTextOptions {
  readonly scrollbackLines?: number;
}

export interface TerminalMirror {
  write(data: string): void;
  resize(size: TerminalSize): void;
  /**
   * Escape sequences that redraw the screen and scrollback on a fresh terminal; with
   * `{ scrollback: false }` the screen alone (a view catching up with a flood: cheap to make and to
   * parse). Resolves after pending writes parsed.
   */
  serialize(options?: SerializeOptions): Promise<string>;
  /**
   * The visible screen as plain text, one line per row, trailing spaces trimmed; with
   * `scrollbackLines`, preceded by up to that many of the lines that scrolled off above it.
   */
  screenText(options?: ScreenTextOptions): Promise<string>;
  /** The modes as of the output written before the call (like `screenText`). */
  modes(): Promise<TerminalModes>;
  /**
   * The terminal's answers to the queries in the output (device attributes, cursor position,
   * colours, modes, version), in the order they were asked. The mirror sees every byte the program
   * writes, whatever views are attached, so it is the one terminal that answers: its replies go to
   * the program's input, each query answered once.
   */
  onReply(listener: (reply: string) => void): Disposable;
  /**
   * A mirror that parses elsewhere (another thread) says when the output it has not parsed yet
   * passes its bound (`true`: the writer should stop reading the PTY) and when it is back under it
   * (`false`). A mirror that parses in the caller's turn is never behind and never calls.
   */
  onBacklog(listener: (behind: boolean) => void): Disposable;
  dispose(): void;
}

export interface TerminalMirrorFactory {
  create(size: TerminalSize): TerminalMirror;
}
