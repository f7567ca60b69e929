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
