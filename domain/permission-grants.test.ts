import { describe, expect, it } from 'vitest';
import { permissionGrants } from './permission-grants';

describe('permissionGrants', () => {
  it('reads a Claude tool list as tools that run without asking', () => {
    expect(permissionGrants(['--model', 'opus', '--allowedTools', 'Bash,Write'])).toEqual(['runs these tools without asking: Bash,Write (--allowedTools Bash,Write)']);
    expect(permissionGrants(['--allowed-tools=Bash'])).toEqual(['runs these tools without asking: Bash (--allowed-tools=Bash)']);
  });

  it('reads the flags that switch every prompt off, for each agent CLI', () => {
    expect(permissionGrants(['--dangerously-skip-permissions'])).toEqual(['runs every tool without asking (--dangerously-skip-permissions)']);
    expect(permissionGrants(['--permission-mode', 'bypassPermissions'])).toEqual(['runs every tool without asking (--permission-mode bypassPermissions)']);
    expect(permissionGrants(['--dangerously-bypass-approvals-and-sandbox'])).toHaveLength(1);
    expect(permissionGrants(['-a', 'never', '-s', 'danger-full-access'])).toEqual([
      'never asks before it runs a command (-a never)',
      'runs commands with no sandbox (-s danger-full-access)',
    ]);
    expect(permissionGrants(['--yolo'])).toEqual(['runs every tool without asking (--yolo)']);
    expect(permissionGrants(['--approval-mode=yolo'])).toEqual(['runs every tool without asking (--approval-mode=yolo)']);
    expect(permissionGrants(['--yes-always'])).toEqual(['answers yes to every question it would ask you (--yes-always)']);
  });

  it('names the folders an agent is given beside its own', () => {
    expect(permissionGrants(['--add-dir', '/home/me/shop'])).toEqual(['reads and writes files in /home/me/shop (--add-dir /home/me/shop)']);
  });

  it('grants nothing for ordinary arguments, milder modes, or a value that is a flag’s own', () => {
    expect(permissionGrants(['--model', 'opus', '--verbose', '--permission-mode', 'plan', '-a', 'on-request'])).toEqual([]);
    expect(permissionGrants(['--print', '--yolo-mode'])).toEqual([]);
    expect(permissionGrants(['--allowedTools'])).toEqual([]);
    expect(permissionGrants(['constructor', 'toString', '__proto__'])).toEqual([]);
  });
});

describe('permissionGrants, written as the CLIs also accept them', () => {
  it('reads every tool of a list given as separate values, and every folder', () => {
    expect(permissionGrants(['--allowedTools', 'Read', 'Bash', 'Write', '--model', 'opus'])).toEqual(['runs these tools without asking: Read Bash Write (--allowedTools Read Bash Write)']);
    expect(permissionGrants(['--add-dir', '/a', '/b'])).toEqual(['reads and writes files in /a /b (--add-dir /a /b)']);
  });

  it('reads a flag given a value with =, and leaves it out when the value says false', () => {
    expect(permissionGrants(['--dangerously-skip-permissions=true'])).toEqual(['runs every tool without asking (--dangerously-skip-permissions=true)']);
    expect(permissionGrants(['--yolo=true'])).toHaveLength(1);
    expect(permissionGrants(['--yolo=false'])).toEqual([]);
  });

  it('reads short options with their value attached, Codex config overrides, and Gemini’s approval mode', () => {
    expect(permissionGrants(['-anever', '-sdanger-full-access'])).toEqual(['never asks before it runs a command (-anever)', 'runs commands with no sandbox (-sdanger-full-access)']);
    expect(permissionGrants(['-c', 'approval_policy="never"', '--config', 'sandbox_mode="danger-full-access"'])).toEqual([
      'never asks before it runs a command (-c approval_policy="never")',
      'runs commands with no sandbox (--config sandbox_mode="danger-full-access")',
    ]);
    expect(permissionGrants(['--approvalMode', 'yolo'])).toEqual(['runs every tool without asking (--approvalMode yolo)']);
  });

  it('reads Claude settings given on the command line, and names a settings file it cannot read', () => {
    expect(permissionGrants(['--settings', '{"permissions":{"defaultMode":"bypassPermissions"}}'])).toEqual(['runs every tool without asking (--settings {"permissions":{"defaultMode":"bypassPermissions"}})']);
    expect(permissionGrants(['--settings', '{"permissions":{"allow":["Bash"]}}'])[0]).toContain('runs these tools without asking: Bash');
    expect(permissionGrants(['--settings', 'team.json'])).toEqual(['loads settings from team.json, which may let tools run without asking (--settings team.json)']);
    expect(permissionGrants(['--settings', '{"theme":"dark"}'])).toEqual([]);
  });
});
