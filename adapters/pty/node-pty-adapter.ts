import { readFileSync } from 'node:fs';
import * as nodePty from 'node-pty';
import type { Disposable } from '../../domain/ports/disposable';
import type { PtyExit, PtyHandle, PtyPort, SpawnError, SpawnSpec } from '../../domain/ports/pty.port';
import { err, ok, type Result } from '../../domain/result';
import type { TerminalSize } from '../../domain/session';
import { killUntilGone, SESSION_MARK_VARIABLE } from '../shared/session-mark';
import { processScanner, type ProcessScanner } from '../shared/process-scan';
import { holdUntilDrained } from './output-drain';
import { sessionProcesses, trySignal } from './process-group';
import { resolveCommand } from './resolve-command';

export interface NodePtyOptions {
  /** How long SIGHUP/SIGTERM get before SIGKILL. */
  readonly killGraceMs?: number;
  /** Told about processes of a session that survived SIGKILL (never left silently). */
  readonly log?: (message: string) => void;
  /** Reads the process table for kills (the host's shared scanner unless a test gives its own). */
  readonly scanner?: ProcessScanner;
}

/**
 * The only place that imports node-pty. Each child gets the spawn's mark in its environment
 * (shared/session-mark.ts), and kill reaches every process carrying it.
 */
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
        env: { ...spec.env, ...(spec.mark !== undefined ? { [SESSION_MARK_VARIABLE]: spec.mark } : {}) },
      });
      return ok(new NodePtyHandle(pty, { graceMs: this.options.killGraceMs ?? 1500, command: spec.command, ...(spec.mark !== undefined ? { mark: spec.mark } : {}), ...(this.options.log ? { log: this.options.log } : {}), scanner: this.options.scanner ?? processScanner }));
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
  /** The leader's start in clock ticks since boot, once a look at the process table saw it alive. */
  private leaderStartTicks: number | undefined;

  constructor(
    private readonly pty: nodePty.IPty,
    private readonly kills: { readonly graceMs: number; readonly command: string; readonly mark?: string; readonly log?: (message: string) => void; readonly scanner: ProcessScanner },
  ) {
    this.pid = pty.pid;
    holdUntilDrained(pty);
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

  /**
   * SIGHUP and SIGTERM to the session, its group and every process carrying the mark; SIGKILL after
   * the grace to whatever is left. Once the leader has exited, only the mark is followed: its pid,
   * and so its group's and session's ids, may belong to another process by now. The group hears at
   * once; the rest of the session and the marked processes once the process table has been read,
   * which happens after this call returns (see ProcessScanner), so a Stop never waits on that read.
   */
  kill(): void {
    if (this.killing) return;
    this.killing = true;
    const leaderGone = this.exit !== undefined;
    // SIGHUP is what a closing terminal sends (agents save state on it); SIGTERM for those that ignore it.
    const hangUp = ['SIGHUP', 'SIGTERM'] as const;
    if (!leaderGone) for (const signal of hangUp) trySignal(-this.pid, signal);
    void this.rest(leaderGone).then((pids) => {
      for (const signal of hangUp) for (const pid of pids) trySignal(pid, signal);
    });
    // Not unref'd on purpose: on quit the process must live long enough to deliver SIGKILL (no orphans).
    setTimeout(() => void this.sweep(leaderGone), this.kills.graceMs);
  }

  /** Anything still alive after the grace (a grandchild that traps both, a daemon) is not allowed to outlive its pane. */
  private async sweep(leaderGone: boolean): Promise<void> {
    if (!leaderGone) trySignal(-this.pid, 'SIGKILL');
    const survivors = await killUntilGone(() => this.rest(leaderGone), (pid) => void trySignal(pid, 'SIGKILL'));
    if (survivors.length > 0) this.kills.log?.(`processes ${survivors.join(', ')} of "${this.kills.command}" survived SIGKILL and still run`);
  }

  /** The session's processes beyond its group (see sessionProcesses); the leader's start is kept from the first look. */
  private async rest(leaderGone: boolean): Promise<number[]> {
    const { mark } = this.kills;
    const found = await sessionProcesses({ leader: this.pid, leaderGone, ...(mark !== undefined ? { mark } : {}), ...(this.leaderStartTicks !== undefined ? { sinceTicks: this.leaderStartTicks } : {}) }, this.kills.scanner);
    this.leaderStartTicks ??= found.leaderStartTicks;
    return found.pids;
  }

  /** Linux: the program's /proc stat says which process group holds its terminal (tpgid) and its own (pgrp). */
  foregroundJob(): boolean | undefined {
    if (this.exit) return false;
    const groups = terminalGroups(this.pid);
    return groups ? groups.foreground > 0 && groups.foreground !== groups.own : undefined;
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

/**
 * A process's own process group and its terminal's foreground one, from /proc/<pid>/stat (fields 5
 * and 8, counted after the command name, which may hold spaces and parentheses). Undefined without
 * /proc (not Linux) or once the process is gone.
 */
function terminalGroups(pid: number): { readonly own: number; readonly foreground: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[2]);
    const foreground = Number(fields[5]);
    return Number.isInteger(own) && Number.isInteger(foreground) ? { own, foreground } : undefined;
  } catch {
    return undefined;
  }
}
