import { afterEach, describe, expect, it } from 'vitest';
import type { CpuShare, CpuSharePort } from '../../domain/ports/cpu-share.port';

export interface CpuShareWorld {
  readonly shares: CpuSharePort;
  /** Whether this system can set shares at all; where it cannot, every `set` is refused. */
  readonly supported: boolean;
  /** Starts a process that leads a session of its own, as an agent's PTY does. */
  startLeader(): Promise<number>;
  /** Starts a process inside the caller's own session (it leads none). */
  startMember(): Promise<number>;
  /** The share the session of `pid` has now. */
  shareOf(pid: number): CpuShare;
  /** The share of the caller's own session, which no `set` may ever change. */
  ownShare(): CpuShare;
  end(pid: number): Promise<void>;
  dispose(): Promise<void>;
}

export function cpuShareContract(name: string, make: () => Promise<CpuShareWorld>): void {
  describe(`CpuSharePort contract: ${name}`, () => {
    const worlds: CpuShareWorld[] = [];
    const world = async () => {
      const made = await make();
      worlds.push(made);
      return made;
    };
    afterEach(async () => {
      for (const made of worlds.splice(0)) await made.dispose();
    });

    it('lowers the share of a session and gives it back', async () => {
      const w = await world();
      const leader = await w.startLeader();
      expect(w.shares.set(leader, 'yielding')).toBe(w.supported);
      expect(w.shareOf(leader)).toBe(w.supported ? 'yielding' : 'full');
      expect(w.shares.set(leader, 'full')).toBe(w.supported);
      expect(w.shareOf(leader)).toBe('full');
    });

    it('refuses a process that leads no session of its own, leaving the session it is in as it was', async () => {
      const w = await world();
      const member = await w.startMember();
      expect(w.shares.set(member, 'yielding')).toBe(false);
      expect(w.ownShare()).toBe('full');
    });

    it('refuses a process that is gone', async () => {
      const w = await world();
      const leader = await w.startLeader();
      await w.end(leader);
      expect(w.shares.set(leader, 'yielding')).toBe(false);
    });
  });
}
