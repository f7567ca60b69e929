import { Worker } from 'node:worker_threads';
import { err, type Result } from '../../domain/result';
import { readFrontmatterWith, type Frontmatter, type FrontmatterReader } from './yaml-frontmatter';

export interface ToFrontmatterWorker {
  readonly id: number;
  readonly yaml: string;
}

export interface FromFrontmatterWorker {
  readonly id: number;
  readonly result: Result<unknown, string>;
}

export interface FrontmatterThreadOptions {
  /**
   * The worker's script: frontmatter-worker.ts bundled (the desktop app), or
   * frontmatter-worker-boot.mjs, which loads it through tsx (`tessera web` from the sources, tests).
   */
  readonly entry: string | URL;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Frontmatter YAML parsed on a thread of its own. The host's main thread serves every terminal and
 * every request; a persona file in a cloned repository is read (to list it) before anyone is asked
 * to trust it, so however slow its YAML is to parse, that time must not be taken from the terminals.
 * The split into frontmatter and body stays here (it is a bounded scan); only the YAML travels.
 *
 * The worker starts on the first read and holds the process open only while a read is pending. If
 * it dies, the reads in flight fail with a message and the next read starts another one.
 */
export class FrontmatterThread implements FrontmatterReader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown, string>) => void>();
  private disposed = false;

  constructor(private readonly options: FrontmatterThreadOptions) {}

  read(source: string): Promise<Result<Frontmatter, string>> {
    return readFrontmatterWith(source, (yaml) => this.parse(yaml));
  }

  /** Stops the worker; reads still pending fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('Tessera is shutting down');
    await worker?.terminate();
  }

  private parse(yaml: string): Promise<Result<unknown, string>> {
    if (this.disposed) return Promise.resolve(err('the frontmatter was not read: Tessera is shutting down'));
    const worker = this.open();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.pending.size === 1) worker.ref();
      const message: ToFrontmatterWorker = { id, yaml };
      worker.postMessage(message);
    });
  }

  private open(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.entry);
    worker.unref();
    worker.on('message', (message: FromFrontmatterWorker) => {
      const resolve = this.pending.get(message.id);
      if (!resolve) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      resolve(message.result);
    });
    const lost = (why: string, error?: unknown): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.options.log?.(`the frontmatter thread stopped: ${why}`, error);
      this.failAll(why);
    };
    worker.on('error', (error) => lost('it failed', error));
    worker.on('exit', (code) => lost(`it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private failAll(why: string): void {
    for (const resolve of this.pending.values()) resolve(err(`the frontmatter could not be read (${why}); try again`));
    this.pending.clear();
  }
}
