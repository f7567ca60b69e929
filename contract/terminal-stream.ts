import { z } from 'zod';
import { terminalCols, terminalRows } from './terminal-size';

/**
 * The per-session terminal stream, kept apart from JSON-RPC so bytes never go
 * through JSON or React state. Over WebSocket it is its own socket at `/term/<sessionId>?token=`;
 * over Electron IPC it is a MessagePort per attached session.
 *
 * Server -> client: binary frames are terminal output (UTF-8 bytes); text frames are JSON
 * `ServerControl` messages. The first message after attaching is always `snapshot` (the headless
 * mirror serialized), then the live stream in order. A client that falls behind a flood gets more
 * snapshots later (the screen alone while the flood lasts, then a full one and the live stream again).
 * Client -> server: text frames, JSON `ClientControl`. The client acks the bytes it has handed
 * to xterm.js once xterm has parsed them, and each snapshot's characters (`data.length`) once it
 * has parsed that (credit-based flow control). A client that drops output it has not parsed (the
 * user types in another pane and this one floods) acks it and sends `skip`: it gets no more output
 * until a snapshot catches it up.
 */
export const ServerControl = z.discriminatedUnion('t', [
  // `screen`: the screen alone, sent during a flood; the client paints it over what it shows instead
  // of starting a fresh terminal (a reset costs far more than the screen).
  z.object({ t: z.literal('snapshot'), data: z.string(), screen: z.literal(true).optional() }),
  z.object({ t: z.literal('exit'), code: z.number().optional(), reason: z.string().optional() }),
]);
export type ServerControl = z.infer<typeof ServerControl>;

export const ClientControl = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ack'), bytes: z.number().int().nonnegative() }),
  z.object({ t: z.literal('input'), data: z.string().max(1_000_000) }),
  z.object({ t: z.literal('resize'), cols: terminalCols, rows: terminalRows }),
  z.object({ t: z.literal('skip') }),
]);
export type ClientControl = z.infer<typeof ClientControl>;
