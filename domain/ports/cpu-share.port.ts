/**
 * How much of the CPU a session gets against everything else running: `full`, as any program the
 * user starts, or `yielding`, well below that, so that the programs the user is working with right
 * now (Tessera itself, the agent being typed in) come first. The share covers every process the
 * session's leader starts within its session: the agent's tools, builds and tests.
 */
export type CpuShare = 'full' | 'yielding';

export interface CpuSharePort {
  /**
   * Gives the session led by `pid` its share, at once or, where the system limits how often shares
   * change, as soon as it allows (the latest share asked for wins). False when it could not, and then
   * nothing changed: the process is gone, it does not (yet) lead a session of its own, or the system
   * offers no way.
   */
  set(pid: number, share: CpuShare): boolean;
}
