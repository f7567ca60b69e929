import type { StoreWriteError } from '../../domain/ports/agent-store.port';
import type { ProjectTrust, ProjectTrustRecord } from '../../domain/ports/project-trust.port';
import { err, ok, type Result } from '../../domain/result';

/** Project trust in memory, held to the same contract as JsonProjectTrust. `failWrites` makes every change fail. */
export class InMemoryProjectTrust implements ProjectTrust {
  private readonly records = new Map<string, ProjectTrustRecord>();
  failWrites = false;

  async get(root: string): Promise<ProjectTrustRecord> {
    return { ...(this.records.get(root) ?? { trusted: false, relaunchOnOpen: false }) };
  }

  async trust(root: string): Promise<Result<void, StoreWriteError>> {
    return this.change(root, { trusted: true });
  }

  async distrust(root: string): Promise<Result<void, StoreWriteError>> {
    return this.change(root, { trusted: false });
  }

  async setRelaunchOnOpen(root: string, enabled: boolean): Promise<Result<void, StoreWriteError>> {
    return this.change(root, { relaunchOnOpen: enabled });
  }

  private change(root: string, patch: Partial<ProjectTrustRecord>): Result<void, StoreWriteError> {
    if (this.failWrites) return err({ kind: 'store-write-failed', path: 'memory', message: 'writes fail in this test' });
    // Read and write in one turn, so changes made at once cannot lose each other.
    this.records.set(root, { ...(this.records.get(root) ?? { trusted: false, relaunchOnOpen: false }), ...patch });
    return ok(undefined);
  }
}
