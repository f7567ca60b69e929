import { Worker } from 'node:worker_threads';
import { lineCount, parseCost } from '../../domain/parse-cost';
import type { Disposable } from '../../domain/ports/disposable';
import { DEFAULT_TERMINAL_MODES, type ScreenTextOptions, type SerializeOptions, type TerminalMirror, type TerminalMirrorFactory, type TerminalModes } from '../../domain/ports/terminal-mirror.port';
import type { TerminalSize } from '../../domain/session';
import type { FromMirrorWorker, ToMirrorWorker } from './mirror-worker-protocol';

export interface WorkerMirrorOptions {
  /**
   * The worker's script: mirror-worker.ts bundled (the desktop app), or mirror-worker-boot.mjs,
   * which loads it through tsx (`tessera web` from the source tree, tests).
   */
  readonly entry: string | URL;
  /**
   * How much a mirror may hold unparsed before it asks its writer to stop reading the PTY, in parse
   * cost (domain/parse-cost.ts); it says go on once under half of it. Memory stays bounded per
   * session, and so does the wait for anything asked of the mirror: a snapshot (the last screen
   * Ctrl-C on a flood shows) is answered after the backlog is parsed.
   */
  readonly maxBacklog: number;
  /** What a line costs at least, in parse cost (domain/parse-cost.ts). */
  readonly lineCost: number;
  readonly log?: (message: string, error?: unknown) => void;
}

interface Channel {
  readonly worker: Worker;
  readonly mirrors: Map<number, WorkerMirror>;
  readonly reads: Map<number, (text: string) => void>;
  dead: boolean;
}

/**
 * Headless mirrors parsed on their own thread. Parsing every session's output is most of the host's
 * work under a flood, and the host's thread also reads the PTYs, the WebSockets and the keystrokes:
 * on that thread the mirrors would cap the throughput of many floods at what is left of one core,
 * and a key's echo would wait behind a parse. Here the main thread posts the output and goes on;
 * one worker parses for every session.
 *
 * Order is the worker's message order, so a snapshot asked for after some writes reflects exactly
 * those (the contract of TerminalMirror). A mirror holding more than `maxBacklog` unparsed tells its
 * writer (onBacklog) so the PTY waits for the parser. If the worker dies, its mirrors read as empty
 * and never hold a PTY back; the next mirror starts a new worker.
 */
export class WorkerMirrorFactory implements TerminalMirrorFactory {
  private channel: Channel | undefined;
  private disposed = false;
  private nextId = 1;
  private nextRequest = 1;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly options: WorkerMirrorOptions) {
    this.log = options.log ?? (() => undefined);
  }

  create(size: TerminalSize): TerminalMirror {
    if (this.disposed) {
      // A session that starts while the app quits: its mirror reads as empty and holds nothing back.
      const mirror = new WorkerMirror(this.nextId++, this.options, { post: () => undefined, read: () => Promise.resolve(''), forget: () => undefined });
      mirror.lost();
      return mirror;
    }
    const channel = this.open();
    const id = this.nextId++;
    const mirror = new WorkerMirror(id, this.options, {
      post: (message) => {
        if (!channel.dead) channel.worker.postMessage(message);
      },
      read: (message) => {
        if (channel.dead) return Promise.resolve('');
        const request = this.nextRequest++;
        return new Promise((resolve) => {
          channel.reads.set(request, resolve);
          channel.worker.postMessage({ ...message, request });
        });
      },
      forget: () => void channel.mirrors.delete(id),
    });
    channel.mirrors.set(id, mirror);
    channel.worker.postMessage({ op: 'create', id, cols: size.cols, rows: size.rows } satisfies ToMirrorWorker);
    return mirror;
  }

  /**
   * Starts the thread now rather than with the first session: the first launch then does not wait
   * for it to load, and its memory is the app's from the start.
   */
  start(): void {
    if (!this.disposed) this.open();
  }

  /** The running thread's id (undefined before it starts and after it is gone), for diagnostics and tests. */
  get threadId(): number | undefined {
    return this.channel && !this.channel.dead ? this.channel.worker.threadId : undefined;
  }

  /** Stops the worker (at quit); mirrors made before or after read as empty. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const channel = this.channel;
    this.channel = undefined;
    if (!channel) return;
    this.lose(channel);
    await channel.worker.terminate();
  }

  private open(): Channel {
    if (this.channel && !this.channel.dead) return this.channel;
    const worker = new Worker(this.options.entry);
    // The host quits when its work is done; a worker with nothing to say must not keep it alive.
    worker.unref();
    const channel: Channel = { worker, mirrors: new Map(), reads: new Map(), dead: false };
    worker.on('message', (message: FromMirrorWorker) => {
      if (message.op === 'read') {
        const resolve = channel.reads.get(message.request);
        channel.reads.delete(message.request);
        resolve?.(message.text);
      } else if (message.op === 'reply') channel.mirrors.get(message.id)?.replied(message.data);
      else for (const [id, writes] of message.counts) channel.mirrors.get(id)?.parsed(writes);
    });
    worker.on('error', (error) => {
      this.log('the terminal mirror thread failed; its sessions show no history until relaunched', error);
      this.lose(channel);
    });
    worker.on('exit', (code) => {
      if (!channel.dead) this.log(`the terminal mirror thread stopped (exit code ${code}); its sessions show no history until relaunched`);
      this.lose(channel);
    });
    this.channel = channel;
    return channel;
  }

  /** Nothing more will come from this worker: pending reads get nothing, and no PTY stays held. */
  private lose(channel: Channel): void {
    if (channel.dead) return;
    channel.dead = true;
    for (const resolve of channel.reads.values()) resolve('');
    channel.reads.clear();
    for (const mirror of channel.mirrors.values()) mirror.lost();
    channel.mirrors.clear();
  }
}

interface MirrorLink {
  post(message: ToMirrorWorker): void;
  read(message: Omit<Extract<ToMirrorWorker, { op: 'read' }>, 'request'>): Promise<string>;
  forget(): void;
}

class WorkerMirror implements TerminalMirror {
  /** The parse cost of each write the worker has not parsed yet, oldest first (from `head`). */
  private readonly pending: number[] = [];
  private head = 0;
  private unparsed = 0;
  private behind = false;
  private disposed = false;
  /** Its thread is gone: writes go nowhere, so they are not counted (nothing would ever release them). */
  private orphaned = false;
  private readonly listeners = new Set<(behind: boolean) => void>();
  private readonly replyListeners = new Set<(reply: string) => void>();

  constructor(
    private readonly id: number,
    private readonly bound: { readonly maxBacklog: number; readonly lineCost: number },
    private readonly link: MirrorLink,
  ) {}

  write(data: string): void {
    if (this.disposed || this.orphaned || data.length === 0) return;
    this.link.post({ op: 'write', id: this.id, data });
    const cost = parseCost(data.length, lineCount(data), this.bound.lineCost);
    this.pending.push(cost);
    this.unparsed += cost;
    if (!this.behind && this.unparsed > this.bound.maxBacklog) this.setBehind(true);
  }

  resize(size: TerminalSize): void {
    if (!this.disposed) this.link.post({ op: 'resize', id: this.id, cols: size.cols, rows: size.rows });
  }

  serialize(options: SerializeOptions = {}): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    return this.link.read({ op: 'read', id: this.id, what: 'serialize', scrollback: options.scrollback !== false });
  }

  screenText(options: ScreenTextOptions = {}): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    return this.link.read({ op: 'read', id: this.id, what: 'screen', scrollback: false, scrollbackLines: options.scrollbackLines ?? 0 });
  }

  async modes(): Promise<TerminalModes> {
    const text = this.disposed ? '' : await this.link.read({ op: 'read', id: this.id, what: 'modes', scrollback: false });
    // A lost thread answers with nothing: no mode is on that a writer would have to respect.
    return text ? (JSON.parse(text) as TerminalModes) : DEFAULT_TERMINAL_MODES;
  }

  onReply(listener: (reply: string) => void): Disposable {
    this.replyListeners.add(listener);
    return { dispose: () => void this.replyListeners.delete(listener) };
  }

  /** The worker's mirror answered a query in this mirror's output. */
  replied(data: string): void {
    if (this.disposed) return;
    for (const listener of [...this.replyListeners]) listener(data);
  }

  onBacklog(listener: (behind: boolean) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.link.post({ op: 'dispose', id: this.id });
    this.link.forget();
    this.listeners.clear();
    this.replyListeners.clear();
  }

  /** The worker parsed the next `writes` of this mirror's writes. */
  parsed(writes: number): void {
    for (let i = 0; i < writes && this.head < this.pending.length; i++) this.unparsed -= this.pending[this.head++]!;
    if (this.head === this.pending.length) {
      this.pending.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    if (this.behind && this.unparsed <= this.bound.maxBacklog / 2) this.setBehind(false);
  }

  /** The worker is gone: nothing is pending any more. */
  lost(): void {
    this.orphaned = true;
    this.pending.length = 0;
    this.head = 0;
    this.unparsed = 0;
    if (this.behind) this.setBehind(false);
  }

  private setBehind(behind: boolean): void {
    this.behind = behind;
    for (const listener of [...this.listeners]) listener(behind);
  }
}
