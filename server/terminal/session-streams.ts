import type { SessionTerminal } from '../../application/session-registry';
import { TerminalStreamHost, type TerminalClient, type TerminalClientLink, type TerminalStreamOptions } from './terminal-stream-host';

/**
 * The terminal streams of every session a host serves: one TerminalStreamHost per session, built at
 * its first attach. An ended session's stream nobody watches is dropped; the next attach builds it
 * again from the session's mirror (snapshot and exit), so nothing is lost by dropping it.
 */
export class SessionStreams {
  private readonly streams = new Map<string, TerminalStreamHost>();

  /** `typed` hears what views type into each session, with the session's id. */
  constructor(
    private readonly options: TerminalStreamOptions,
    private readonly typed?: (sessionId: string, data: string) => void,
  ) {}

  /** Attaches `client` to the session's stream; undefined when `terminalOf` knows no such session. */
  attach(sessionId: string, terminalOf: (sessionId: string) => SessionTerminal | undefined, client: TerminalClient): TerminalClientLink | undefined {
    let stream = this.streams.get(sessionId);
    if (!stream) {
      const terminal = terminalOf(sessionId);
      if (!terminal) return undefined;
      const typed = this.typed;
      stream = new TerminalStreamHost(terminal, typed ? { ...this.options, onTyped: (data) => typed(sessionId, data) } : this.options);
      this.streams.set(sessionId, stream);
    }
    const attached = stream;
    const link = attached.attach(client);
    return {
      receive: (message) => link.receive(message),
      detach: () => {
        link.detach();
        this.releaseIfUnwatched(sessionId, attached);
      },
    };
  }

  /** Drops the session's stream if its session ended and no client watches it. */
  releaseIfUnwatched(sessionId: string, stream = this.streams.get(sessionId)): void {
    if (stream && stream.ended && stream.clientCount === 0 && this.streams.get(sessionId) === stream) {
      stream.dispose();
      this.streams.delete(sessionId);
    }
  }

  dispose(): void {
    for (const stream of this.streams.values()) stream.dispose();
    this.streams.clear();
  }
}
