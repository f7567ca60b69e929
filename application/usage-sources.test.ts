import { describe, expect, it } from 'vitest';
import type { UsageSource } from '../domain/ports/usage-source.port';
import { CombinedUsageSources } from './usage-sources';

const source = (cli: string, args: string[], log: string[], fails = false): UsageSource => ({
  prepare: async (input) => {
    if (fails) throw new Error('broken');
    return input.command === cli ? { args, dispose: () => void log.push(`dispose ${cli}`) } : undefined;
  },
  report: (id) => (id === `${cli}-session` ? { model: cli } : undefined),
});

describe('CombinedUsageSources', () => {
  it("gives a launch what the sources that read its CLI add, and withdraws each; a failing source costs only its own", async () => {
    const log: string[] = [];
    const combined = new CombinedUsageSources([source('claude', ['--settings', 'x'], log), source('x', [], log, true), source('claude', [], log)]);
    const launch = await combined.prepare({ sessionId: 's', command: 'claude', cwd: '/p', env: {} });
    expect(launch?.args).toEqual(['--settings', 'x']);
    launch?.dispose();
    expect(log).toEqual(['dispose claude', 'dispose claude']);
    expect(await combined.prepare({ sessionId: 's', command: 'aider', cwd: '/p', env: {} })).toBeUndefined();
  });

  it("answers the first source's report", () => {
    const combined = new CombinedUsageSources([source('claude', [], []), source('codex', [], [])]);
    expect([combined.report('codex-session'), combined.report('claude-session'), combined.report('other')]).toEqual([{ model: 'codex' }, { model: 'claude' }, undefined]);
  });
});
