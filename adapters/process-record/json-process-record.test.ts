import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../contracts/eventually';
import { processControlContract, processRecordStoreContract } from '../contracts/process-record.contract';
import { JsonProcessRecordStore } from './json-process-record';
import { NodeProcessControl } from './node-process-control';
import { SESSION_MARK_VARIABLE } from '../shared/session-mark';
import { sessionOf } from '../contracts/proc';

const dirs: string[] = [];
const children: ChildProcess[] = [];
/** Processes that left their group (setsid): killed by pid after the run, whatever it did. */
const escapees: number[] = [];
afterAll(() => {
  for (const pid of escapees) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-procs-'));
  dirs.push(dir);
  return join(dir, 'processes');
}

processRecordStoreContract('JsonProcessRecordStore', async () => {
  const dir = tempDir();
  return { store: new JsonProcessRecordStore(dir), reopen: () => new JsonProcessRecordStore(dir) };
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A detached process (its own session and group) with a child in that group, as node-pty starts agents. */
async function startGroup(): Promise<{ pid: number; pgid: number; member: number }> {
  const script = `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    process.stdout.write(String(c.pid) + '\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const member = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('error', reject);
  });
  if (!child.pid) throw new Error('no pid');
  return { pid: child.pid, pgid: child.pid, member };
}

/** startGroup with the session mark in the environment, plus a child that left the group and the session through setsid. */
async function startMarkedGroup(mark: string): Promise<{ pid: number; pgid: number; member: number; escaped: number }> {
  const script = `const { spawn } = require('node:child_process');
    const opts = { stdio: 'ignore' };
    const member = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], opts);
    const escaped = spawn('setsid', [process.execPath, '-e', 'setInterval(() => {}, 1000)'], opts);
    process.stdout.write(member.pid + ' ' + escaped.pid + '\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, [SESSION_MARK_VARIABLE]: mark } });
  children.push(child);
  const [member, escaped] = await new Promise<number[]>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(String(d).trim().split(' ').map(Number)));
    child.once('error', reject);
  });
  if (!child.pid || !member || !escaped) throw new Error('no pid');
  escapees.push(escaped);
  // The pid is known before setsid has run: wait until the process leads a session of its own.
  await eventually(() => sessionOf(escaped) === escaped, 'the child to leave the session');
  return { pid: child.pid, pgid: child.pid, member, escaped };
}

processControlContract('NodeProcessControl', () => ({
  control: new NodeProcessControl(),
  start: startGroup,
  startMarked: startMarkedGroup,
  running,
  eventually: async (check, what) => void (await eventually(check, what)),
}));

describe('JsonProcessRecordStore', () => {
  it('keeps one file per Tessera process and deletes it when its last record goes', async () => {
    const dir = tempDir();
    const store = new JsonProcessRecordStore(dir);
    const base = { pgid: 0, agent: 'rev', project: '/p', startedAt: 1 };
    await store.add({ ...base, pid: 300, pgid: 300, hostPid: 10 });
    await store.add({ ...base, pid: 301, pgid: 301, hostPid: 11 });
    expect(readdirSync(dir).sort()).toEqual(['10.json', '11.json']);
    await store.remove(10, 300);
    expect(readdirSync(dir)).toEqual(['11.json']);
  });

  it('skips files and entries that do not parse, and refuses pids that would signal everything', async () => {
    const dir = tempDir();
    const store = new JsonProcessRecordStore(dir);
    await store.add({ pid: 300, pgid: 300, agent: 'rev', project: '/p', startedAt: 1, hostPid: 10 });
    writeFileSync(join(dir, '12.json'), '{ not json');
    writeFileSync(join(dir, '13.json'), JSON.stringify({ version: 1, records: [{ pid: 1, pgid: 1, agent: 'x', project: '/p', startedAt: 1, hostPid: 13 }, { pid: 'x' }] }));
    expect((await store.list()).map((r) => r.pid)).toEqual([300]);
  });
});
