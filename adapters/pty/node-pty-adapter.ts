import * as nodePty from 'node-pty';
import type { Disposable } from '../../domain/ports/disposable';
import type { PtyExit, PtyHandle, PtyPort, SpawnError, SpawnSpec } from '../../domain/ports/pty.port';
import { err, ok, type Result } from '../../domain/result';
import type { TerminalSize } from '../../domain/session';
import { sessionAlive, signalSession } from './process-group';
import { resolveCommand } from './resolve-command';

export interface NodePtyOptions {
  /** How long SIGHUP/SIGTERM get before SIGKILL. */
  readonly killGraceMs?: number;
}

/** The only place that imports node-pty (DESIGN §1). */
export class NodePtyAdapter implements PtyPort {
  constructor(private readonly options: NodePtyOptions = {}) {}

  spawn(spec: SpawnSpec): Result<PtyHandle, SpawnError> {
    const file = resolveCommand(spec.command, spec.env, spec.cwd);
    if (file === undefined) return err({ kind: 'command-not-found', command: spec.command });
    try {
      const pty = nodePty.spawn(file, [...spec.args], {
        name: spec.env.TERM ?? 'xterm-256color',
        cols: spec.size.cols,
        rows: spec.size.rows,
        cwd: spec.cwd,
        env: { ...spec.env },
      });
      return ok(new NodePtyHandle(pty, this.options.killGraceMs ?? 1500));
    } catch (error) {
      return err({ kind: 'spawn-failed', command: spec.command, message: error instanceof Error ? error.message : String(error) });
    }
  }
}

class NodePtyHandle implements PtyHandle {
  readonly pid: number;
  private exit: PtyExit | undefined;
  private readonly exitListeners = new Set<(exit: PtyExit) => void>();
  private killing = false;

  constructor(
    private readonly pty: nodePty.IPty,
    private readonly killGraceMs: number,
  ) {
    this.pid = pty.pid;
    pty.onExit(({ exitCode, signal }) => {
      this.exit = signal ? { exitCode, signal } : { exitCode };
      for (const listener of [...this.exitListeners]) listener(this.exit);
      this.exitListeners.clear();
    });
  }

  write(data: string): void {
    if (this.exit) return;
    this.pty.write(data);
  }

  resize(size: TerminalSize): void {
    if (this.exit) return;
    try {
      this.pty.resize(size.cols, size.rows);
    } catch {
      // The fd can close between our exit check and the ioctl; a resize then has nothing to do.
    }
  }

  kill(): void {
    if (this.killing) return;
    this.killing = true;
    // SIGHUP is what a closing terminal sends (agents save state on it); SIGTERM for those that ignore it.
    signalSession(this.pid, 'SIGHUP');
    signalSession(this.pid, 'SIGTERM');
    // Not unref'd on purpose: on quit the process must live long enough to deliver SIGKILL (no orphans).
    setTimeout(() => {
      // Anything still alive (a grandchild that traps both) is not allowed to outlive its pane.
      if (sessionAlive(this.pid)) signalSession(this.pid, 'SIGKILL');
    }, this.killGraceMs);
  }

  pause(): void {
    if (!this.exit) this.pty.pause();
  }

  resume(): void {
    if (!this.exit) this.pty.resume();
  }

  onData(listener: (data: string) => void): Disposable {
    const sub = this.pty.onData(listener);
    return { dispose: () => sub.dispose() };
  }

  onExit(listener: (exit: PtyExit) => void): Disposable {
    if (this.exit) {
      listener(this.exit);
      return { dispose: () => undefined };
    }
    this.exitListeners.add(listener);
    return { dispose: () => void this.exitListeners.delete(listener) };
  }
}
