import type { Disposable } from '../../domain/ports/disposable';
import type { PtyExit, PtyHandle, PtyPort, SpawnError, SpawnSpec } from '../../domain/ports/pty.port';
import { err, ok, type Result } from '../../domain/result';
import type { TerminalSize } from '../../domain/session';

/** What a scripted fake program can do with its terminal. */
export interface FakeProcess {
  readonly spec: SpawnSpec;
  /** Current size (changes on resize). */
  readonly size: TerminalSize;
  output(data: string): void;
  exit(exitCode: number): void;
  onInput(listener: (data: string) => void): void;
  onResize(listener: (size: TerminalSize) => void): void;
}

export type FakeProgram = (process: FakeProcess) => void;

/**
 * A PTY whose "commands" are scripted programs registered with `define`. An undefined command
 * is 'command-not-found', as with the real adapter. Programs start on a later tick, because a
 * real child cannot print before the caller has attached its listeners either.
 */
export class FakePtyPort implements PtyPort {
  readonly spawned: SpawnSpec[] = [];
  readonly handles: FakePtyHandle[] = [];
  private readonly programs = new Map<string, FakeProgram>();
  private nextPid = 1000;

  define(command: string, program: FakeProgram = () => undefined): this {
    this.programs.set(command, program);
    return this;
  }

  spawn(spec: SpawnSpec): Result<PtyHandle, SpawnError> {
    const program = this.programs.get(spec.command);
    if (!program) return err({ kind: 'command-not-found', command: spec.command });
    this.spawned.push(spec);
    this.nextPid += 1;
    const handle = new FakePtyHandle(this.nextPid, spec, program);
    this.handles.push(handle);
    return ok(handle);
  }

  /** The most recent handle, for tests that drive output or exit by hand. */
  last(): FakePtyHandle {
    const handle = this.handles[this.handles.length - 1];
    if (!handle) throw new Error('nothing was spawned');
    return handle;
  }
}

export class FakePtyHandle implements PtyHandle {
  /** Everything written to the terminal, in order. */
  readonly written: string[] = [];
  readonly sizes: TerminalSize[] = [];
  paused = false;
  killed = false;
  /** What `foregroundJob` says while the program runs: a test sets it as a shell's command starts and ends. */
  runningJob = false;
  private exitInfo: PtyExit | undefined;
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly exitListeners = new Set<(exit: PtyExit) => void>();
  private readonly inputListeners: ((data: string) => void)[] = [];
  private readonly resizeListeners: ((size: TerminalSize) => void)[] = [];
  /** Output produced while paused waits here, like bytes in a kernel buffer. */
  private readonly held: string[] = [];
  private size: TerminalSize;

  constructor(
    readonly pid: number,
    readonly spec: SpawnSpec,
    program: FakeProgram,
  ) {
    this.size = spec.size;
    const currentSize = (): TerminalSize => this.size;
    const proc: FakeProcess = {
      spec,
      get size() {
        return currentSize();
      },
      output: (data) => this.emit(data),
      exit: (code) => this.exit(code),
      onInput: (listener) => void this.inputListeners.push(listener),
      onResize: (listener) => void this.resizeListeners.push(listener),
    };
    setTimeout(() => {
      if (!this.exitInfo) program(proc);
    }, 0);
  }

  get exited(): PtyExit | undefined {
    return this.exitInfo;
  }

  write(data: string): void {
    if (this.exitInfo) return;
    this.written.push(data);
    for (const listener of this.inputListeners) listener(data);
  }

  resize(size: TerminalSize): void {
    if (this.exitInfo) return;
    this.size = size;
    this.sizes.push(size);
    for (const listener of this.resizeListeners) listener(size);
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    // Like SIGHUP to a process without a handler: exit code 0, signal 1.
    if (!this.exitInfo) this.finish({ exitCode: 0, signal: 1 });
  }

  foregroundJob(): boolean {
    return !this.exitInfo && this.runningJob;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const data of this.held.splice(0)) this.deliver(data);
  }

  onData(listener: (data: string) => void): Disposable {
    this.dataListeners.add(listener);
    return { dispose: () => void this.dataListeners.delete(listener) };
  }

  onExit(listener: (exit: PtyExit) => void): Disposable {
    if (this.exitInfo) {
      listener(this.exitInfo);
      return { dispose: () => undefined };
    }
    this.exitListeners.add(listener);
    return { dispose: () => void this.exitListeners.delete(listener) };
  }

  /** Output as if the program printed it. */
  emit(data: string): void {
    if (this.exitInfo) return;
    if (this.paused) this.held.push(data);
    else this.deliver(data);
  }

  /** The program exits by itself. */
  exit(exitCode: number): void {
    if (!this.exitInfo) this.finish({ exitCode });
  }

  private deliver(data: string): void {
    for (const listener of [...this.dataListeners]) listener(data);
  }

  private finish(exit: PtyExit): void {
    // A program's last output reaches the listeners before its exit, paused or not: nothing is left behind.
    for (const data of this.held.splice(0)) this.deliver(data);
    this.exitInfo = exit;
    for (const listener of [...this.exitListeners]) listener(exit);
    this.exitListeners.clear();
  }
}
