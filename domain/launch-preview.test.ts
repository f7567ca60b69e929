import { describe, expect, it } from 'vitest';
import type { Agent } from './agent';
import { commandLineOf, launchPreview } from './launch-preview';
import type { Profile } from './profile';

const profile: Profile = {
  id: 'claude',
  name: 'Claude',
  command: 'claude',
  args: ['--model', 'opus'],
  env: { A: '1' },
  inject: { kind: 'args', args: ['--append-system-prompt', '{context}'] },
  projectAccessArgs: ['--add-dir', '{projectRoot}'],
  status: { needsInput: [], busy: [] },
  builtin: true,
};
const agent: Agent = { slug: 'r', name: 'R', profile: 'claude', skills: [], workspace: 'run-dir', args: ['--verbose'], env: { B: '2', A: '3' }, persona: '' };

describe('launchPreview', () => {
  it('puts the args in the order a launch uses, with the project root filled in', () => {
    expect(launchPreview(agent, profile, '/p')).toEqual({
      command: 'claude',
      args: ['--model', 'opus', '--add-dir', '/p', '--append-system-prompt', '{context}', '--verbose'],
      envKeys: ['A', 'B'],
      grants: ['reads and writes files in /p (--add-dir /p)'],
    });
  });

  it('leaves out the project-access args outside the run-dir workspace and names an env injection variable', () => {
    const preview = launchPreview({ ...agent, workspace: 'project' }, { ...profile, inject: { kind: 'env', var: 'GEMINI_SYSTEM_MD', value: '{contextPath}' } }, '/p');
    expect(preview.args).toEqual(['--model', 'opus', '--verbose']);
    expect(preview.envKeys).toEqual(['A', 'B', 'GEMINI_SYSTEM_MD']);
  });
});

describe("launchPreview of Tessera's agent tools", () => {
  const tools = { configPath: '/run/tessera/mcp/<session>.json', server: { command: 'node', args: ['/opt/tessera/bin/tessera', 'mcp'] } };

  it('shows the MCP configuration arguments before the injection, and the server they run, for a profile that takes one', () => {
    const preview = launchPreview(agent, { ...profile, mcpConfigArgs: ['--mcp-config', '{mcpConfig}'] }, '/p', tools);
    expect(preview.args).toEqual(['--model', 'opus', '--add-dir', '/p', '--mcp-config', '/run/tessera/mcp/<session>.json', '--append-system-prompt', '{context}', '--verbose']);
    expect(preview.agentTools).toEqual({ args: ['--mcp-config', '/run/tessera/mcp/<session>.json'], server: tools.server });
  });

  it('shows none for a profile that takes no MCP configuration, or where launches hand out no tools', () => {
    expect(launchPreview(agent, profile, '/p', tools).agentTools).toBeUndefined();
    const noTools = launchPreview(agent, { ...profile, mcpConfigArgs: ['--mcp-config', '{mcpConfig}'] }, '/p');
    expect(noTools.agentTools).toBeUndefined();
    expect(noTools.args).not.toContain('--mcp-config');
  });
});

describe('launchPreview grants', () => {
  it('says what an imported subagent’s tool list lets it run without asking', () => {
    const preview = launchPreview({ ...agent, workspace: 'project', args: ['--allowedTools', 'Bash,Write'] }, profile, '/p');
    expect(preview.grants).toEqual(['runs these tools without asking: Bash,Write (--allowedTools Bash,Write)']);
  });
});

describe('commandLineOf', () => {
  it('quotes what a shell would split or expand', () => {
    expect(commandLineOf({ command: '/bin/sh', args: ['-c', "echo 'hi' && rm -rf ~", '--x=1'] })).toBe(`/bin/sh -c 'echo '\\''hi'\\'' && rm -rf ~' --x=1`);
  });
});
