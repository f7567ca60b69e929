import { processControlContract, processRecordStoreContract } from '../contracts/process-record.contract';
import { FakeProcessControl, InMemoryProcessRecordStore } from './in-memory-process-records';

processRecordStoreContract('InMemoryProcessRecordStore', async () => {
  const store = new InMemoryProcessRecordStore();
  return { store, reopen: () => store };
});

processControlContract('FakeProcessControl', () => {
  const control = new FakeProcessControl();
  return {
    control,
    start: async () => {
      const leader = control.start();
      const member = control.start({ pgid: leader.pgid });
      return { ...leader, member: member.pid };
    },
    startMarked: async (mark) => {
      const leader = control.start({ mark });
      const member = control.start({ pgid: leader.pgid, mark });
      const escaped = control.start({ mark });
      return { ...leader, member: member.pid, escaped: escaped.pid };
    },
    running: (pid) => control.isAlive({ pid }),
    eventually: async (check, what) => {
      if (!(await check())) throw new Error(`not yet: ${what}`);
    },
  };
});
