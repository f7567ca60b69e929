import type { AgentHookSetup, HookLaunch, HookLaunchInput } from '../domain/ports/agent-hooks.port';

/** Several hook setups as one, each for the CLIs it knows: a launch gets the first one's that takes its CLI. */
export class EachCliHookSetup implements AgentHookSetup {
  constructor(private readonly setups: readonly AgentHookSetup[]) {}

  async prepare(input: HookLaunchInput): Promise<HookLaunch | undefined> {
    for (const setup of this.setups) {
      const launch = await setup.prepare(input);
      if (launch) return launch;
    }
    return undefined;
  }
}
