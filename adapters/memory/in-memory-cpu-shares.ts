import type { CpuShare, CpuSharePort } from '../../domain/ports/cpu-share.port';

/** Shares kept in memory for a pretend process table: `lead` a session, `end` it, read `shareOf`. */
export class InMemoryCpuShares implements CpuSharePort {
  private readonly leaders = new Map<number, CpuShare>();
  /** Every share set, in order, as `pid:share`. */
  readonly history: string[] = [];

  lead(pid: number): this {
    this.leaders.set(pid, 'full');
    return this;
  }

  end(pid: number): void {
    this.leaders.delete(pid);
  }

  shareOf(pid: number): CpuShare | undefined {
    return this.leaders.get(pid);
  }

  set(pid: number, share: CpuShare): boolean {
    if (!this.leaders.has(pid)) return false;
    this.leaders.set(pid, share);
    this.history.push(`${pid}:${share}`);
    return true;
  }
}
