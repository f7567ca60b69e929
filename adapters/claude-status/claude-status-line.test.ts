import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaudeStatusLine } from './claude-status-line';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function world(userSettings?: object) {
  const root = mkdtempSync(join(tmpdir(), 'tessera-status-'));
  folders.push(root);
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(join(home, '.claude'), { recursive: true });
  mkdirSync(project);
  if (userSettings) writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify(userSettings));
  const setup = new ClaudeStatusLine({ dir: join(root, 'tessera', 'status-lines'), env: { HOME: home } });
  return { setup, project, home };
}

/** Runs the settings' status line as Claude Code does: its command in a shell, the status JSON on stdin. */
function runStatusLine(args: readonly string[], json: object): string {
  const settings = JSON.parse(readFileSync(args[1]!, 'utf8')) as { statusLine: { type: string; command: string } };
  expect(settings.statusLine.type).toBe('command');
  return execFileSync('/bin/sh', ['-c', settings.statusLine.command], { input: JSON.stringify(json), encoding: 'utf8' });
}

const status = { model: { id: 'claude-opus', display_name: 'Opus' }, cost: { total_cost_usd: 0.5 }, context_window: { used_percentage: 12, context_window_size: 200_000 } };

describe('ClaudeStatusLine', () => {
  it('adds nothing to a CLI that is not Claude Code', async () => {
    const { setup, project } = world();
    expect(await setup.prepare({ sessionId: 's1', command: '/usr/bin/codex', cwd: project, env: {} })).toBeUndefined();
  });

  it("passes a settings file whose status line hands Claude's report to Tessera and prints nothing of its own", async () => {
    const { setup, project } = world();
    const launch = (await setup.prepare({ sessionId: 's1', command: '/opt/bin/claude', cwd: project, env: {} }))!;
    expect(launch.args[0]).toBe('--settings');
    expect(setup.report('s1')).toBeUndefined();
    expect(runStatusLine(launch.args, status)).toBe('');
    expect(setup.report('s1')).toEqual({ model: 'Opus', costUsd: 0.5, contextPercent: 12, contextWindow: 200_000 });
    expect(setup.report('another')).toBeUndefined();
  });

  it("runs the user's own status line on the same JSON and prints what it prints, its padding kept", async () => {
    const { setup, project } = world({ statusLine: { type: 'command', command: 'echo "mine: $(cat | wc -c) bytes"', padding: 2 } });
    const launch = (await setup.prepare({ sessionId: 's1', command: 'claude', cwd: project, env: {} }))!;
    expect(JSON.parse(readFileSync(launch.args[1]!, 'utf8')).statusLine.padding).toBe(2);
    expect(runStatusLine(launch.args, status).trim()).toBe(`mine: ${JSON.stringify(status).length} bytes`);
    expect(setup.report('s1')?.model).toBe('Opus');
  });

  it("prefers the project's local status line to the user's, as Claude does", async () => {
    const { setup, project } = world({ statusLine: { type: 'command', command: 'echo user' } });
    mkdirSync(join(project, '.claude'));
    writeFileSync(join(project, '.claude', 'settings.local.json'), JSON.stringify({ statusLine: { type: 'command', command: 'echo local' } }));
    const launch = (await setup.prepare({ sessionId: 's1', command: 'claude', cwd: project, env: {} }))!;
    expect(runStatusLine(launch.args, status).trim()).toBe('local');
  });

  it('removes the session folder once disposed, keeping its last report for whoever closes its books', async () => {
    const { setup, project } = world();
    const launch = (await setup.prepare({ sessionId: 's1', command: 'claude', cwd: project, env: {} }))!;
    runStatusLine(launch.args, status);
    launch.dispose();
    expect(existsSync(launch.args[1]!)).toBe(false);
    expect(setup.report('s1')?.costUsd).toBe(0.5);
  });
});

describe('ClaudeStatusLine and the agent\'s own environment', () => {
  it("finds the user's status line in the config dir the agent runs with", async () => {
    const { setup, project, home } = world({ statusLine: { type: 'command', command: 'echo from-home' } });
    const agentConfig = join(home, 'agent-claude');
    mkdirSync(agentConfig);
    writeFileSync(join(agentConfig, 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: 'echo from-agent-config' } }));
    const launch = (await setup.prepare({ sessionId: 's1', command: 'claude', cwd: project, env: { CLAUDE_CONFIG_DIR: agentConfig } }))!;
    expect(runStatusLine(launch.args, status).trim()).toBe('from-agent-config');
  });
});
