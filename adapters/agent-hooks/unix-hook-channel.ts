import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentHookChannel, HookAccess, HookCall } from '../../domain/ports/agent-hooks.port';
import type { Disposable } from '../../domain/ports/disposable';

export interface UnixHookChannelOptions {
  /**
   * How the hook program starts: Node and tessera-hook.mjs, or the packaged app's binary and its hook
   * flag (the event's own arguments follow).
   */
  readonly program: { readonly file: string; readonly args: readonly string[] };
  /** Where the socket's private folder is made (the OS's temporary folder by default). */
  readonly parentDir?: string;
  /** Environment the hook program needs to run. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long a permission hook waits for the user's answer before the CLI's own prompt takes over. */
  readonly waitMs?: number;
}

/** A hook call's first line is small; anything longer is not a hook call. */
const MAX_LINE = 4 * 1024 * 1024;
export const DEFAULT_HOOK_WAIT_MS = 10 * 60_000;

/**
 * The hook channel as a Unix socket in a folder of its own (0700; the socket 0600): only this user's
 * processes can connect, and only a caller holding a live session's secret is heard. Each connection
 * carries one call: a JSON line `{token, wait, payload}`; a waiting call gets one JSON line back
 * (`{stdout}`), an event gets nothing.
 */
export class UnixHookChannel implements AgentHookChannel {
  private listening: Promise<{ dir: string; socketPath: string }> | undefined;
  private readonly server: Server;
  private readonly secrets = new Map<string, Buffer>();
  private readonly listeners = new Set<(call: HookCall) => boolean>();
  private readonly sockets = new Set<Socket>();

  /** Listens from the first session it opens for: a host that never runs an agent makes no socket. */
  constructor(private readonly options: UnixHookChannelOptions) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** The socket, once listening. */
  async socket(): Promise<{ dir: string; socketPath: string }> {
    this.listening ??= new Promise((resolve, reject) => {
      const dir = mkdtempSync(join(this.options.parentDir ?? tmpdir(), 'tessera-hooks-'));
      chmodSync(dir, 0o700);
      const socketPath = join(dir, 'hooks.sock');
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        chmodSync(socketPath, 0o600);
        resolve({ dir, socketPath });
      });
    });
    return this.listening;
  }

  async open(sessionId: string): Promise<HookAccess> {
    const { dir: root, socketPath } = await this.socket();
    const token = randomBytes(32).toString('hex');
    const secret = Buffer.from(token);
    this.secrets.set(sessionId, secret);
    const dir = join(root, `session-${sessionId.replace(/[^A-Za-z0-9_-]/g, '_')}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const waitMs = this.options.waitMs ?? DEFAULT_HOOK_WAIT_MS;
    return {
      env: { ...this.options.env, TESSERA_HOOK_SOCKET: socketPath, TESSERA_HOOK_TOKEN: token, TESSERA_HOOK_WAIT_MS: String(waitMs) },
      dir,
      command: [this.options.program.file, ...this.options.program.args].map(shellQuote).join(' '),
      dispose: () => {
        if (this.secrets.get(sessionId) === secret) this.secrets.delete(sessionId);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  onCall(listener: (call: HookCall) => boolean): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  async close(): Promise<void> {
    const listening = this.listening;
    if (!listening) return;
    this.listening = undefined;
    for (const socket of this.sockets) socket.destroy();
    const { dir } = await listening.catch(() => ({ dir: undefined }));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    let buffered = '';
    const onData = (data: string) => {
      buffered += data;
      const newline = buffered.indexOf('\n');
      if (newline === -1) {
        if (buffered.length > MAX_LINE) socket.destroy();
        return;
      }
      socket.off('data', onData);
      this.dispatch(socket, buffered.slice(0, newline));
    };
    socket.on('data', onData);
  }

  private dispatch(socket: Socket, line: string): void {
    let message: { token?: unknown; wait?: unknown; payload?: unknown };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      socket.destroy();
      return;
    }
    const sessionId = typeof message.token === 'string' ? this.sessionOf(message.token) : undefined;
    if (sessionId === undefined) {
      socket.destroy();
      return;
    }
    const waiting = message.wait === true;
    let settled = false;
    const gone = new Set<() => void>();
    const call: HookCall = {
      sessionId,
      payload: message.payload,
      waiting,
      answer: (stdout) => {
        if (settled) return false;
        settled = true;
        if (socket.destroyed || !socket.writable) return false;
        socket.end(`${JSON.stringify(stdout === undefined ? {} : { stdout })}\n`);
        return true;
      },
      onGone: (listener) => {
        gone.add(listener);
        return { dispose: () => void gone.delete(listener) };
      },
    };
    socket.on('close', () => {
      if (settled) return;
      settled = true;
      for (const listener of [...gone]) listener();
    });
    if (!waiting) socket.end();
    let taken = false;
    for (const listener of [...this.listeners]) taken = listener(call) || taken;
    if (!taken) call.answer(undefined);
  }

  private sessionOf(token: string): string | undefined {
    const given = Buffer.from(token);
    for (const [sessionId, secret] of this.secrets) {
      if (secret.length === given.length && timingSafeEqual(secret, given)) return sessionId;
    }
    return undefined;
  }
}

/** One word for a POSIX shell, whatever it holds. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
