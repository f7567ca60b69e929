import { afterEach, describe, expect, it } from 'vitest';
import type { CpuShare, CpuSharePort } from '../../domain/ports/cpu-share.port';
import { eventually } from './eventually';

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
      // A system may take a change only so often: a share set shows once it took it.
      expect(w.shares.set(leader, 'yielding')).toBe(w.supported);
      await eventually(() => w.shareOf(leader) === (w.supported ? 'yielding' : 'full'), 'the lowered share');
      expect(w.shares.set(leader, 'full')).toBe(w.supported);
      await eventually(() => w.shareOf(leader) === 'full', 'the full share back');
    });

    it('gives every session the share set last for it, however quickly the shares follow each other', async () => {
      const w = await world();
      const [a, b, c] = [await w.startLeader(), await w.startLeader(), await w.startLeader()];
      for (const [pid, share] of [[a, 'yielding'], [b, 'yielding'], [c, 'yielding'], [b, 'full'], [a, 'full'], [a, 'yielding']] as const) {
        expect(w.shares.set(pid, share)).toBe(w.supported);
      }
      const wanted = w.supported ? ['yielding', 'full', 'yielding'] : ['full', 'full', 'full'];
      await eventually(() => [a, b, c].map((pid) => w.shareOf(pid)).join() === wanted.join(), `the shares ${wanted.join()}`);
    });

    it('refuses a process that leads no session of its own, leaving the session it is in as it was', async () => {
      const w = await world();
      // The caller's session may already yield (run in an agent's pane): the share asked for is the other one.
      const own = w.ownShare();
      const member = await w.startMember();
      expect(w.shares.set(member, own === 'full' ? 'yielding' : 'full')).toBe(false);
      expect(w.ownShare()).toBe(own);
    });

    it('refuses a process that is gone', async () => {
      const w = await world();
      const leader = await w.startLeader();
      await w.end(leader);
      expect(w.shares.set(leader, 'yielding')).toBe(false);
    });
  });
}
