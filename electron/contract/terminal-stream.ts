import { z } from 'zod';

/**
 * The per-session terminal stream (DESIGN §4, §5), kept apart from JSON-RPC so bytes never go
 * through JSON or React state. Over WebSocket it is its own socket at `/term/<sessionId>?token=`;
 * over Electron IPC it is a MessagePort per attached session.
 *
 * Server -> client: binary frames are terminal output (UTF-8 bytes); text frames are JSON
 * `ServerControl` messages. The first message after attaching is always `snapshot` (the headless
 * mirror serialized), then the live stream in order.
 * Client -> server: text frames, JSON `ClientControl`. The client acks the bytes it has handed
 * to xterm.js once xterm has parsed them (credit-based flow control).
 */
export const ServerControl = z.discriminatedUnion('t', [
  z.object({ t: z.literal('snapshot'), data: z.string() }),
  z.object({ t: z.literal('exit'), code: z.number().optional(), reason: z.string().optional() }),
]);
export type ServerControl = z.infer<typeof ServerControl>;

export const ClientControl = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ack'), bytes: z.number().int().nonnegative() }),
  z.object({ t: z.literal('input'), data: z.string().max(1_000_000) }),
  z.object({ t: z.literal('resize'), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }),
]);
export type ClientControl = z.infer<typeof ClientControl>;
