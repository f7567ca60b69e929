import type { TerminalAttachment, TerminalSink, TesseraApi } from '../../../contract/api';
import type { FeedQueue, FeedScheduler } from './feed-scheduler';

/** RIS: xterm resets the terminal as term.reset() does, in order with the output around it. */
const FULL_RESET = '\x1bc';
/** Soft reset (attributes, modes), cursor home, erase the screen and the scrollback: a blank screen for a screen-only snapshot. */
const CLEAR_FOR_SCREEN = '\x1b[!p\x1b[H\x1b[2J\x1b[3J';

/** What the stream writes into: xterm, which calls `parsed` once it has parsed what it was given. */
export interface StreamTerminal {
  readonly cols: number;
  readonly rows: number;
  write(data: string | Uint8Array, parsed?: () => void): void;
}

export type ExitInfo = Parameters<TerminalSink['exit']>[0];

export interface SessionStreamDeps {
  readonly api: Pick<TesseraApi, 'attachTerminal'>;
  readonly sessionId: string;
  readonly term: StreamTerminal;
  readonly feed: Pick<FeedScheduler, 'register'>;
  /** xterm parsed this much of the session's output. */
  readonly parsed: (bytes: number) => void;
  /** xterm parsed a snapshot. */
  readonly snapshotParsed: () => void;
  /** The session ended; every byte it sent before reached xterm first. */
  readonly exited: (info: ExitInfo) => void;
}

export interface SessionStream {
  /** Whether the pane is fed: attached to the session's stream. */
  readonly attached: boolean;
  /** Attaches: the host sends the screen (a snapshot), then live output. Tells it the terminal's size. */
  attach(): void;
  /** Closes the stream; bytes already handed to xterm are still parsed, their acks go nowhere. */
  detach(): void;
  /** What the user typed: to the session, and the pane goes first in the page's feed for a while. */
  input(data: string): void;
  resize(cols: number, rows: number): void;
  dispose(): void;
}

/**
 * A pane's link to its session's output. Bytes go from the stream into the page's feed scheduler,
 * which hands them to xterm in turn, and are acked once xterm has parsed them (the host's flow
 * control counts on it); they never pass through React. Only the current attachment's deliveries
 * count: a late one from a closed stream is dropped.
 */
export function createSessionStream(deps: SessionStreamDeps): SessionStream {
  const { term } = deps;
  let disposed = false;
  /** The live stream while the pane is fed. */
  let attachment: TerminalAttachment | undefined;
  /** Output of the current attachment waiting for its turn in xterm. */
  let queue: FeedQueue | undefined;

  const detach = () => {
    const current = attachment;
    attachment = undefined;
    queue?.dispose();
    queue = undefined;
    current?.close();
  };

  const attach = () => {
    // Filled right after attachTerminal returns: a transport may deliver during the call itself.
    const link: { attachment?: TerminalAttachment; unacked: number } = { unacked: 0 };
    const current = () => !disposed && attachment === link.attachment;
    const ack = (bytes: number) => {
      if (disposed) return;
      if (link.attachment) link.attachment.ack(bytes);
      else link.unacked += bytes;
    };
    const feed = deps.feed.register(
      { write: (bytes, parsed) => term.write(bytes, parsed) },
      (bytes) => {
        deps.parsed(bytes);
        ack(bytes);
      },
      () => link.attachment?.skip(),
    );
    queue?.dispose();
    queue = feed;
    const opened = deps.api.attachTerminal(deps.sessionId, {
      snapshot: (data, screenOnly) => {
        if (!current()) return;
        // A snapshot repaints the whole screen (first attach, shown again, the stream reconnected, or
        // a flood the pane could not keep up with): output still waiting here is superseded by it.
        feed.clear();
        // During a flood the screen comes a few times a second: painted over a cleared screen rather
        // than on a fresh terminal, which costs far more (a full snapshot follows once it calms down).
        // The reset is written, not called, so it happens when the snapshot is parsed and the pane
        // never shows a blank frame in between.
        term.write(screenOnly ? CLEAR_FOR_SCREEN : FULL_RESET);
        term.write(data, () => {
          // Credited by its characters: the host counts snapshots against the window too.
          ack(data.length);
          deps.snapshotParsed();
        });
      },
      data: (bytes) => {
        if (current()) feed.push(bytes);
      },
      exit: (info) => {
        if (!current()) return;
        // The exit comes after the output before it, which may still wait for its turn.
        feed.afterQueued(() => {
          if (current()) deps.exited(info);
        });
      },
    });
    link.attachment = opened;
    attachment = opened;
    if (link.unacked > 0) opened.ack(link.unacked);
    // The host learns the size with the attach, even when fitting changed nothing.
    opened.resize(term.cols, term.rows);
  };

  return {
    get attached() {
      return attachment !== undefined;
    },
    attach,
    detach,
    input(data) {
      queue?.noteInput();
      attachment?.input(data);
    },
    resize(cols, rows) {
      attachment?.resize(cols, rows);
    },
    dispose() {
      detach();
      disposed = true;
    },
  };
}
