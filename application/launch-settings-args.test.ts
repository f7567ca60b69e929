import { describe, expect, it } from 'vitest';
import { launchSettings } from './launch-agent';

describe('the settings several launch additions pass a CLI', () => {
  it('are one settings file holding both when the hooks and the status line each pass one', () => {
    const hooks = { args: ['--settings', '/run/hooks.json'], settings: { hooks: { Stop: [] } } };
    const usage = { args: ['--settings', '/run/status.json'], settings: { statusLine: { type: 'command', command: 'sh status' } } };
    const merged = launchSettings([hooks, usage]);
    expect(merged.args).toEqual(['--settings', '/run/hooks.json']);
    expect(merged.file?.path).toBe('/run/hooks.json');
    expect(JSON.parse(merged.file!.text)).toEqual({ hooks: { Stop: [] }, statusLine: { type: 'command', command: 'sh status' } });
  });

  it('are left as they are when one addition passes settings, or none does', () => {
    expect(launchSettings([{ args: ['--settings', '/run/hooks.json'], settings: { hooks: {} } }, undefined])).toEqual({ args: ['--settings', '/run/hooks.json'] });
    expect(launchSettings([{ args: [] }, { args: ['-x'] }])).toEqual({ args: ['-x'] });
  });
});
