import { z } from 'zod';
import { ErrorDto, ProjectDto, SessionDto } from './contract';
import { agentToolMethods } from './agent-tools';
import { ClientControl, ServerControl } from './terminal-stream';

/**
 * The session server's protocol: one framed, multiplexed conversation over any duplex byte stream
 * (the Unix socket, a WebSocket, an SSH channel's stdio), so a client reaches a local or a remote
 * server by the same code.
 *
 * Framing: every frame is a 4-byte big-endian length, then that many bytes: a kind byte and its body.
 * - kind 0, a message: UTF-8 JSON, parsed with `ClientMessage` (on the server) or `ServerMessage` (on
 *   the client). Anything else is a protocol error: answered with `protocol-error`, then the stream closes.
 * - kind 1, terminal output: a 4-byte big-endian channel id, then the output bytes of that channel.
 * A frame is at most MAX_FRAME_BYTES long; a longer length prefix is a protocol error, not an allocation.
 *
 * The conversation: the client sends `hello` first; the server answers `welcome` or `refused` (another
 * protocol or app version: the client says so and offers `tessera server restart`). Then, in any order:
 * - `call` / `result`: the contract methods (contract.ts) and the server's own (`serverMethods`),
 *   answered by id; params are parsed by the server with the method's schema.
 * - `event`: the contract events of the project this connection has open (each connection has its own).
 * - terminal channels: `attach` opens channel N on a session; the server sends `term` control messages
 *   (the snapshot first, an exit last: terminal-stream.ts) and output frames on N; the client sends `term`
 *   messages (ack, input, resize, skip, with the credit rules of terminal-stream.ts) and `detach`.
 */

export const PROTOCOL_VERSION = 1;

/** Kind byte of a JSON message frame. */
export const FRAME_MESSAGE = 0;
/** Kind byte of a terminal output frame. */
export const FRAME_OUTPUT = 1;

/** Bound on one frame: a call carries at most a few MB of params (contract.ts), output batches are 64 KB. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const channel = z.number().int().min(1).max(2 ** 31 - 1);
const callId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What kind of client a connection is: a view (window, tab) starts on the project views last opened; a script starts on none. */
export const ClientKind = z.enum(['view', 'script']);
export type ClientKind = z.infer<typeof ClientKind>;

export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hello'), protocol: z.number().int(), app: z.string().max(100), client: ClientKind }),
  z.object({ t: z.literal('call'), id: callId, method: z.string().min(1).max(100), params: z.unknown().optional() }),
  z.object({ t: z.literal('attach'), channel, session: z.string().min(1).max(200) }),
  z.object({ t: z.literal('term'), channel, message: ClientControl }),
  z.object({ t: z.literal('detach'), channel }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('welcome'), protocol: z.number().int(), app: z.string(), pid: z.number().int() }),
  z.object({
    t: z.literal('refused'),
    kind: z.enum(['version-mismatch', 'shutting-down']),
    message: z.string(),
    protocol: z.number().int(),
    app: z.string(),
    pid: z.number().int(),
  }),
  z.object({
    t: z.literal('result'),
    id: callId,
    response: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorDto })]),
  }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ t: z.literal('term'), channel, message: ServerControl }),
  z.object({ t: z.literal('protocol-error'), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** One agent session as the server lists it across every open project. */
export const ServerSessionDto = SessionDto.extend({ project: ProjectDto });
export type ServerSessionDto = z.infer<typeof ServerSessionDto>;

export const ServerStatusDto = z.object({
  pid: z.number().int(),
  app: z.string(),
  protocol: z.number().int(),
  startedAt: z.number(),
  /** Connections open now (windows, tabs, commands; this one included). */
  clients: z.number().int(),
  projects: z.array(ProjectDto),
  sessions: z.array(ServerSessionDto),
  /** The browser address, once `tessera web` asked for it. */
  webUrl: z.string().optional(),
  /** The server exits after this long with no agent running and no client connected (ms). */
  idleExitMs: z.number(),
});
export type ServerStatusDto = z.infer<typeof ServerStatusDto>;

/** The server's own methods, beside the contract's: they concern the server, not one project. */
export const serverMethods = {
  /** What agents ask through `tessera mcp` (agent-tools.ts). */
  ...agentToolMethods,
  'server.status': { params: z.object({}).strict().default({}), result: ServerStatusDto },
  /**
   * Stops the server, killing every agent process tree. Without `force`, running agents make it
   * answer `agents-running` (the client asks the user first).
   */
  'server.stop': { params: z.object({ force: z.boolean().default(false) }), result: z.object({ stopped: z.number().int() }) },
  /**
   * Serves browsers (loopback unless `host` says otherwise) and opens `project` for them; answers
   * with the address to open. The port and credential are remembered in the user config.
   */
  'server.web': {
    params: z.object({
      project: z.string().min(1).max(4096).optional(),
      host: z.string().min(1).max(255).optional(),
      port: z.number().int().min(0).max(65535).optional(),
      token: z.string().min(1).max(500).optional(),
      newToken: z.boolean().default(false),
    }),
    result: z.object({
      url: z.string(),
      host: z.string(),
      port: z.number().int(),
      /** Set when the remembered port was taken and another one was chosen. */
      portTaken: z.number().int().optional(),
    }),
  },
} as const;
export type ServerMethodName = keyof typeof serverMethods;
export const SERVER_METHOD_NAMES = Object.keys(serverMethods) as ServerMethodName[];
export type ServerMethodParams<M extends ServerMethodName> = z.input<(typeof serverMethods)[M]['params']>;
export type ServerMethodResult<M extends ServerMethodName> = z.output<(typeof serverMethods)[M]['result']>;

export function isServerMethod(method: string): method is ServerMethodName {
  return Object.hasOwn(serverMethods, method);
}

/** A frame as decoded, before its message is parsed by the receiving side's schema. */
export type Frame = { readonly kind: 'message'; readonly json: unknown } | { readonly kind: 'output'; readonly channel: number; readonly bytes: Uint8Array };

export type FrameError = { readonly kind: 'protocol-error'; readonly message: string };

// The contract compiles without DOM or Node types; both places it runs (Node, a browser) have these.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeMessage(message: ClientMessage | ServerMessage): Uint8Array {
  const body = utf8.encode(JSON.stringify(message));
  const frame = new Uint8Array(5 + body.byteLength);
  new DataView(frame.buffer).setUint32(0, 1 + body.byteLength);
  frame[4] = FRAME_MESSAGE;
  frame.set(body, 5);
  return frame;
}

export function encodeOutput(channelId: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(9 + bytes.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint32(0, 5 + bytes.byteLength);
  frame[4] = FRAME_OUTPUT;
  view.setUint32(5, channelId);
  frame.set(bytes, 9);
  return frame;
}

/**
 * Splits a byte stream into frames, whatever the chunks it arrives in. After the first error it
 * stays failed: a stream out of step cannot be resynchronised.
 */
export class FrameDecoder {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private failed: FrameError | undefined;

  constructor(private readonly maxFrameBytes: number = MAX_FRAME_BYTES) {}

  push(chunk: Uint8Array): { readonly frames: readonly Frame[]; readonly error?: FrameError } {
    if (this.failed) return { frames: [], error: this.failed };
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    const frames: Frame[] = [];
    while (this.pendingBytes >= 4) {
      const head = this.peek(4);
      const length = new DataView(head.buffer, head.byteOffset, 4).getUint32(0);
      if (length === 0 || length > this.maxFrameBytes) return this.fail(frames, `a frame of ${length} bytes (at most ${this.maxFrameBytes})`);
      if (this.pendingBytes < 4 + length) break;
      const frame = this.take(4 + length).subarray(4);
      const decoded = decodeFrame(frame);
      if ('message' in decoded) return this.fail(frames, decoded.message);
      frames.push(decoded);
    }
    return { frames };
  }

  private fail(frames: Frame[], message: string): { frames: readonly Frame[]; error: FrameError } {
    this.failed = { kind: 'protocol-error', message };
    this.pending = [];
    this.pendingBytes = 0;
    return { frames, error: this.failed };
  }

  private peek(n: number): Uint8Array {
    const first = this.pending[0];
    if (first && first.byteLength >= n) return first.subarray(0, n);
    this.pending = [concat(this.pending, this.pendingBytes)];
    return (this.pending[0] as Uint8Array).subarray(0, n);
  }

  private take(n: number): Uint8Array {
    const whole = this.pending.length === 1 ? (this.pending[0] as Uint8Array) : concat(this.pending, this.pendingBytes);
    const taken = whole.subarray(0, n);
    const rest = whole.subarray(n);
    this.pending = rest.byteLength > 0 ? [rest] : [];
    this.pendingBytes -= n;
    return taken;
  }
}

function decodeFrame(frame: Uint8Array): Frame | FrameError {
  const kind = frame[0];
  if (kind === FRAME_MESSAGE) {
    let text: string;
    try {
      text = strictUtf8.decode(frame.subarray(1));
    } catch {
      return { kind: 'protocol-error', message: 'a message that is not UTF-8' };
    }
    try {
      return { kind: 'message', json: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'protocol-error', message: 'a message that is not JSON' };
    }
  }
  if (kind === FRAME_OUTPUT) {
    if (frame.byteLength < 5) return { kind: 'protocol-error', message: 'an output frame without its channel' };
    const channelId = new DataView(frame.buffer, frame.byteOffset + 1, 4).getUint32(0);
    return { kind: 'output', channel: channelId, bytes: frame.slice(5) };
  }
  return { kind: 'protocol-error', message: `a frame of unknown kind ${String(kind)}` };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The sentence a client shows when the server speaks another version. */
export function versionMismatchMessage(server: { readonly app: string; readonly protocol: number }, client: { readonly app: string; readonly protocol: number }): string {
  return (
    `the running Tessera server is version ${server.app} (protocol ${server.protocol}) and this client is ${client.app} ` +
    `(protocol ${client.protocol}): run \`tessera server restart\` to replace it (agents whose profile declares a resume are relaunched)`
  );
}
