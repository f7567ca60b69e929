/** Messages between WorkerMirrorFactory (worker-mirror.ts) and its thread (mirror-worker.ts). */
export type ToMirrorWorker =
  | { readonly op: 'create'; readonly id: number; readonly cols: number; readonly rows: number }
  | { readonly op: 'write'; readonly id: number; readonly data: string }
  | { readonly op: 'resize'; readonly id: number; readonly cols: number; readonly rows: number }
  | { readonly op: 'read'; readonly id: number; readonly request: number; readonly what: 'serialize' | 'screen' | 'modes'; readonly scrollback: boolean; readonly scrollbackLines?: number }
  | { readonly op: 'dispose'; readonly id: number };

export type FromMirrorWorker =
  /** A read's answer; for `modes`, the TerminalModes as JSON. */
  | { readonly op: 'read'; readonly request: number; readonly text: string }
  /** A mirror's answer to a query in its output, for the session's input. */
  | { readonly op: 'reply'; readonly id: number; readonly data: string }
  /** Writes parsed since the last report, per mirror. */
  | { readonly op: 'parsed'; readonly counts: ReadonlyArray<readonly [id: number, writes: number]> };
