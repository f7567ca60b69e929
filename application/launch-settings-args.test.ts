import { describe, expect, it } from 'vitest';
import { launchSettingsArgs } from './launch-agent';

describe('the settings several launch additions pass a CLI', () => {
  it('are one --settings holding both when the hooks and the status line each pass one', () => {
    const hooks = { args: ['--settings', '/run/hooks.json'], settings: { hooks: { Stop: [] } } };
    const usage = { args: ['--settings', '/run/status.json'], settings: { statusLine: { type: 'command', command: 'sh status' } } };
    const args = launchSettingsArgs([hooks, usage]);
    expect(args.filter((arg) => arg === '--settings')).toHaveLength(1);
    expect(JSON.parse(args[args.indexOf('--settings') + 1]!)).toEqual({ hooks: { Stop: [] }, statusLine: { type: 'command', command: 'sh status' } });
  });

  it('are left as they are when one addition passes settings, or none does', () => {
    expect(launchSettingsArgs([{ args: ['--settings', '/run/hooks.json'], settings: { hooks: {} } }, undefined])).toEqual(['--settings', '/run/hooks.json']);
    expect(launchSettingsArgs([{ args: [] }, { args: ['-x'] }])).toEqual(['-x']);
  });
});
