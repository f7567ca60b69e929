import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessMeter } from '../../domain/ports/process-meter.port';
import type { MeteredSession } from '../../domain/process-usage';
import { eventually } from './eventually';

/**
 * An agent's process tree as a world starts it: the agent's process (`session.pid`, carrying the
 * session's mark), a plain child of it, a process it started that left its group and session (by
 * setsid) still carrying the mark, a Tessera helper it started and what that helper started.
 */
export interface StartedTree {
  readonly session: MeteredSession;
  readonly child: number;
  readonly escaped: number;
  readonly helper: number;
  readonly helperChild: number;
}

export interface ProcessMeterWorld {
  readonly meter: ProcessMeter;
  startTree(): Promise<StartedTree>;
  /** Ends one process and waits until it is gone from the table. */
  end(pid: number): Promise<void>;
  /** Makes `pid` use some CPU time and waits until it has. */
  burn(pid: number): Promise<void>;
  /** Ends everything the world started. */
  dispose(): Promise<void>;
}

export function processMeterContract(name: string, make: () => Promise<ProcessMeterWorld>): void {
  describe(`ProcessMeter contract: ${name}`, () => {
    const worlds: ProcessMeterWorld[] = [];
    const world = async () => {
      const made = await make();
      worlds.push(made);
      return made;
    };
    afterEach(async () => {
      for (const made of worlds.splice(0)) await made.dispose();
    });
    const pids = async (meter: ProcessMeter, session: MeteredSession) => ((await meter.read([session])).get(session.id) ?? []).map((reading) => reading.pid);

    it("reads the agent's process, its child and the process that left with the mark, and no helper", async () => {
      const w = await world();
      const tree = await w.startTree();
      const read = await pids(w.meter, tree.session);
      expect(read).toEqual(expect.arrayContaining([tree.session.pid, tree.child, tree.escaped]));
      expect(read).not.toContain(tree.helper);
      expect(read).not.toContain(tree.helperChild);
    });

    it("keeps two sessions' processes apart", async () => {
      const w = await world();
      const first = await w.startTree();
      const second = await w.startTree();
      const read = await w.meter.read([first.session, second.session]);
      const firstPids = (read.get(first.session.id) ?? []).map((r) => r.pid);
      const secondPids = (read.get(second.session.id) ?? []).map((r) => r.pid);
      expect(firstPids).toEqual(expect.arrayContaining([first.session.pid, first.escaped]));
      expect(secondPids).toEqual(expect.arrayContaining([second.session.pid, second.escaped]));
      expect(firstPids.filter((pid) => secondPids.includes(pid))).toEqual([]);
    });

    it('reports resident memory, and CPU time that grows as a process works and never goes backwards', async () => {
      const w = await world();
      const tree = await w.startTree();
      const before = (await w.meter.read([tree.session])).get(tree.session.id) ?? [];
      expect(before.find((r) => r.pid === tree.session.pid)?.rssBytes).toBeGreaterThan(0);
      await w.burn(tree.child);
      const after = (await w.meter.read([tree.session])).get(tree.session.id) ?? [];
      const cpu = (readings: typeof before, pid: number) => readings.find((r) => r.pid === pid)?.cpuMs ?? -1;
      expect(cpu(after, tree.child)).toBeGreaterThan(cpu(before, tree.child));
      expect(cpu(after, tree.session.pid)).toBeGreaterThanOrEqual(cpu(before, tree.session.pid));
    });

    it('forgets a process once it ended, and a session once all its processes did', async () => {
      const w = await world();
      const tree = await w.startTree();
      await w.end(tree.escaped);
      expect(await pids(w.meter, tree.session)).not.toContain(tree.escaped);
      for (const pid of [tree.child, tree.helperChild, tree.helper, tree.session.pid]) await w.end(pid);
      await eventually(async () => !(await w.meter.read([tree.session])).has(tree.session.id), 'the session to be gone');
    });

    it('answers nothing for a session that never ran', async () => {
      const w = await world();
      await w.startTree();
      expect((await w.meter.read([{ id: 'a1b2c3d4-0000-4000-8000-00000000dead', pid: 2 ** 22 + 7 }])).size).toBe(0);
    });
  });
}
