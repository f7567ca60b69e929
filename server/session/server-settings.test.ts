import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerSettings, serverSettingsPath, writeServerSettings } from './server-settings';

describe('server settings', () => {
  const dirs: string[] = [];
  const configDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-settings-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('reads what it wrote, and a missing file as nothing set', () => {
    const dir = configDir();
    expect(readServerSettings(dir)).toEqual({});
    writeServerSettings(dir, { port: 4123, token: 'abc', agentsYieldCpu: false });
    expect(readServerSettings(dir)).toEqual({ port: 4123, token: 'abc', agentsYieldCpu: false });
  });

  it('ignores an agentsYieldCpu the user wrote that is not a boolean, keeping the port and the token', () => {
    const dir = configDir();
    mkdirSync(join(dir, 'tessera'), { recursive: true });
    writeFileSync(serverSettingsPath(dir), JSON.stringify({ port: 4123, token: 'abc', agentsYieldCpu: 'no' }));
    expect(readServerSettings(dir)).toEqual({ port: 4123, token: 'abc' });
  });

  it('keeps what the user wrote and it does not read when it writes a new port and token', () => {
    const dir = configDir();
    mkdirSync(join(dir, 'tessera'), { recursive: true });
    writeFileSync(serverSettingsPath(dir), JSON.stringify({ port: 4123, token: 'abc', agentsYieldCpu: 'false', note: 'mine' }));
    // As `tessera web` does when it starts listening.
    writeServerSettings(dir, { ...readServerSettings(dir), port: 5000, token: 'def' });
    expect(JSON.parse(readFileSync(serverSettingsPath(dir), 'utf8'))).toEqual({ port: 5000, token: 'def', agentsYieldCpu: 'false', note: 'mine' });
  });
});
