import { processMeterContract } from '../contracts/process-meter.contract';
import { InMemoryProcessMeter } from './in-memory-process-meter';

processMeterContract('InMemoryProcessMeter', async () => {
  const meter = new InMemoryProcessMeter();
  let nextPid = 100;
  let nextSession = 0;
  return {
    meter,
    async startTree() {
      const id = `a1b2c3d4-0000-4000-8000-${String(++nextSession).padStart(12, '0')}`;
      const [root, child, escaped, helper, helperChild] = [nextPid++, nextPid++, nextPid++, nextPid++, nextPid++];
      meter
        .run({ pid: root, parentPid: 1, mark: id, rssBytes: 4096 })
        .run({ pid: child, parentPid: root, mark: id, rssBytes: 4096 })
        .run({ pid: escaped, parentPid: 1, mark: id, rssBytes: 4096 })
        .run({ pid: helper, parentPid: root, mark: id, helper: true, rssBytes: 4096 })
        .run({ pid: helperChild, parentPid: helper, mark: id, rssBytes: 4096 });
      return { session: { id, pid: root }, child, escaped, helper, helperChild };
    },
    async end(pid) {
      meter.end(pid);
    },
    async burn(pid) {
      meter.use(pid, { cpuMs: 300 });
    },
    async dispose() {},
  };
});
