import type { Disposable } from '../domain/ports/disposable';
import type { ProcessControl, ProcessRecordStore } from '../domain/ports/process-record.port';
import type { TranscriptStore } from '../domain/ports/transcript.port';
import type { SessionInfo } from '../domain/session';
import { sessionHeader } from '../domain/transcript-header';
import type { SessionRegistry } from './session-registry';

export interface SessionRecorderDeps {
  readonly registry: SessionRegistry;
  /** Absolute project root, written into process records. */
  readonly projectRoot: string;
  readonly transcripts?: TranscriptStore;
  readonly records?: ProcessRecordStore;
  /** Gives the identity written with each record (a recycled pid must not pass for the agent). */
  readonly control?: ProcessControl;
  /** This Tessera process. */
  readonly hostPid: number;
  /** Told about a record that could not be written (the agent runs on regardless). */
  readonly onError?: (error: unknown) => void;
}

/**
 * What every session leaves on disk: its raw output appended to the agent's transcript, and a
 * process record while anything of it runs, so that a crashed run's agents can be found by the next
 * one (FindOrphans). The record's pgid is the pid: node-pty starts each agent as a session leader;
 * its mark finds the processes that left that session. When the agent exits the record goes, unless
 * some of its processes still run (a daemon it left, or ones still dying from a Stop): then it stays
 * for the next run's sweep, which forgets it once they are gone.
 */
export class SessionRecorder {
  private readonly subscriptions: Disposable[] = [];
  private readonly writes = new Set<Promise<void>>();
  private hostIdentity: { readonly value: string | undefined } | undefined;

  constructor(private readonly deps: SessionRecorderDeps) {}

  start(): Disposable {
    this.subscriptions.push(this.deps.registry.onAdded((info) => this.record(info)));
    return { dispose: () => this.dispose() };
  }

  dispose(): void {
    for (const sub of this.subscriptions.splice(0)) sub.dispose();
  }

  /** Waits for record writes in flight and flushes the transcripts (on quit, and for tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.writes]);
    await this.deps.transcripts?.flush();
  }

  private record(info: SessionInfo): void {
    const { registry, transcripts, records, control, hostPid } = this.deps;
    if (transcripts) {
      // One boundary line per session: runs of one agent follow each other in its log.
      transcripts.append(info.agent, sessionHeader(info));
      const sub = registry.onOutput(info.id, (data) => transcripts.append(info.agent, data));
      if (sub) this.subscriptions.push(sub);
    }
    if (!records) return;
    const identity = control?.identify(info.pid);
    // This process stays the same process: its identity is read once.
    this.hostIdentity ??= { value: control?.identify(hostPid) };
    const hostIdentity = this.hostIdentity.value;
    const record = {
      pid: info.pid, pgid: info.pid, agent: info.agent, project: this.deps.projectRoot, startedAt: info.startedAt, hostPid,
      ...(identity !== undefined ? { identity } : {}),
      ...(hostIdentity !== undefined ? { hostIdentity } : {}),
      mark: info.id,
    };
    this.track(records.add(record));
    const exit = registry.onExit(info.id, () => {
      // The leader is gone; what is left of its session is looked for by group, session and mark.
      // Looked for once every listener has heard of the exit: the views' last bytes and their exit
      // bar never wait on that look.
      this.track(
        Promise.resolve()
          .then(() => control?.isAlive(record))
          .then((alive) => (alive ? undefined : records.remove(hostPid, info.pid))),
      );
    });
    if (exit) this.subscriptions.push(exit);
  }

  private track(write: Promise<void>): void {
    const guarded = write.catch((error: unknown) => this.deps.onError?.(error));
    this.writes.add(guarded);
    void guarded.finally(() => this.writes.delete(guarded));
  }
}
