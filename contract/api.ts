import type { EventName, EventPayload, MethodName, Params, Response, ResultOf } from './contract';

/**
 * What a client (the renderer) sees of the main process, whichever transport carries it:
 * `window.tessera` over Electron IPC, or JSON-RPC over WebSocket in `tessera web`.
 */
export interface TesseraApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Response<ResultOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Attaches to a session's terminal stream: a snapshot first, then live output. */
  attachTerminal(sessionId: string, sink: TerminalSink): TerminalAttachment;
  /** The desktop app offers a native folder picker; the web app does not. */
  readonly pickFolder?: () => Promise<string | undefined>;
  /** The desktop app opens http(s) links in the user's browser (window.open is denied there); main re-checks the URL. */
  readonly openExternal?: (url: string) => Promise<void>;
  readonly kind: 'desktop' | 'web';
}

export interface TerminalSink {
  /** The session's screen (and scrollback) to paint; `screenOnly` during a flood: paint it over the screen, keep the terminal. */
  snapshot(data: string, screenOnly?: boolean): void;
  data(bytes: Uint8Array): void;
  exit(info: { code?: number; reason?: string }): void;
}

export interface TerminalAttachment {
  /** Credit back what xterm.js has parsed: output by its bytes, a snapshot by its characters (`data.length`). */
  ack(bytes: number): void;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /**
   * The view dropped the output it had not parsed yet (after acking it): send it nothing more until
   * a snapshot brings it the screen again.
   */
  skip(): void;
  close(): void;
}
