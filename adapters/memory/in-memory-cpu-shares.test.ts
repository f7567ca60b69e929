import { cpuShareContract } from '../contracts/cpu-share.contract';
import { InMemoryCpuShares } from './in-memory-cpu-shares';

cpuShareContract('InMemoryCpuShares', async () => {
  const shares = new InMemoryCpuShares();
  // The caller's own session already yields, as the suite's does when it runs in an agent's pane no one types in.
  const own = 1;
  shares.lead(own).set(own, 'yielding');
  let nextPid = 100;
  return {
    shares,
    supported: true,
    async startLeader() {
      const pid = nextPid++;
      shares.lead(pid);
      return pid;
    },
    // A member of the caller's session: the fake knows only leaders, so it is one it does not know.
    startMember: async () => nextPid++,
    shareOf: (pid) => shares.shareOf(pid) ?? 'full',
    ownShare: () => shares.shareOf(own) ?? 'full',
    async end(pid) {
      shares.end(pid);
    },
    async dispose() {},
  };
});
