import type { AgentReport } from '../domain/agent-report';
import type { UsageLaunch, UsageSource } from '../domain/ports/usage-source.port';

/**
 * Several usage sources as one (each reads the CLIs it knows): a launch gets what every source that
 * reads its CLI adds, and a session's report is the first source's that has one.
 */
export class CombinedUsageSources implements UsageSource {
  constructor(private readonly sources: readonly UsageSource[]) {}

  async prepare(input: Parameters<UsageSource['prepare']>[0]): Promise<UsageLaunch | undefined> {
    const launches: UsageLaunch[] = [];
    for (const source of this.sources) {
      // A source that fails costs its own figures only.
      const launch = await source.prepare(input).catch(() => undefined);
      if (launch) launches.push(launch);
    }
    if (launches.length === 0) return undefined;
    const withSettings = launches.filter((launch) => launch.settings !== undefined);
    return {
      args: launches.flatMap((launch) => launch.args),
      ...(withSettings.length > 0 ? { settings: Object.assign({}, ...withSettings.map((launch) => launch.settings)) } : {}),
      dispose: () => launches.forEach((launch) => launch.dispose()),
    };
  }

  report(sessionId: string): AgentReport | undefined {
    for (const source of this.sources) {
      const report = source.report(sessionId);
      if (report) return report;
    }
    return undefined;
  }
}
