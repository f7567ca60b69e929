import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../contracts/eventually';
import { ptyContract } from '../contracts/pty.contract';
import { NodePtyAdapter } from './node-pty-adapter';
import { resolveCommand } from './resolve-command';
import { killMarked } from '../shared/session-mark';
import { ProcessScanner, systemProcReader } from '../shared/process-scan';
import { sessionOf } from '../contracts/proc';

const cwd = mkdtempSync(join(tmpdir(), 'tessera-pty-'));
/** Marks of sessions whose processes a failing test could leave: swept after the run. */
const marks: string[] = [];
afterAll(async () => {
  for (const mark of marks) await killMarked(mark);
  rmSync(cwd, { recursive: true, force: true });
});

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, TERM: 'xterm-256color' };
const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });

const ECHO = `
process.stdout.write('ready\\n');
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.search(/[\\r\\n]/)) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (line.length) process.stdout.write('echo: ' + line + '\\n');
  }
});`;
const SIZE = `
const p = () => process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\n');
p();
process.stdout.on('resize', p);
setInterval(() => {}, 1000);`;

ptyContract('NodePtyAdapter', async () => ({
  pty: new NodePtyAdapter({ killGraceMs: 300 }),
  cwd,
  env,
  echo: node(ECHO),
  exitWith: (code) => node(`process.stdout.write('bye\\n'); setTimeout(() => process.exit(${code}), 50);`),
  size: node(SIZE),
  burst: (bytes) => node(`process.stdout.write('x'.repeat(${bytes}) + 'END');`),
}));

function pidIn(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers signal 0; it is dead for our purpose.
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('NodePtyAdapter', () => {
  it('kills the whole process group, including a grandchild that ignores SIGHUP and SIGTERM', async () => {
    const pidFile = join(cwd, 'grandchild.pid');
    // The agent forks a grandchild that traps the polite signals and would otherwise live on.
    const grandchildScript = `process.on('SIGHUP', () => {}); process.on('SIGTERM', () => {});
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const script = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', ${JSON.stringify(grandchildScript)}], { stdio: 'ignore' });
      process.on('SIGHUP', () => {});
      setInterval(() => {}, 1000);`;
    const spawned = new NodePtyAdapter({ killGraceMs: 300 }).spawn({ ...node(script), cwd, env, size: { cols: 80, rows: 24 } });
    if (!spawned.ok) throw new Error('spawn failed');
    const handle = spawned.value;
    const grandchild = await eventually(() => {
      try {
        return Number(readFileSync(pidFile, 'utf8')) || undefined;
      } catch {
        return undefined;
      }
    }, 'the grandchild pid');
    expect(alive(grandchild)).toBe(true);
    let exited = false;
    handle.onExit(() => (exited = true));
    handle.kill();
    await eventually(() => exited, 'the agent exit');
    await eventually(() => !alive(grandchild) && !alive(handle.pid), 'no process left behind');
    // Zombies are dead already (this machine's init may not reap them), so they do not count.
    const left = execFileSync('ps', ['-A', '-o', 'pid=,sess=,stat='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, sess, stat]) => sess === String(handle.pid) && !stat?.startsWith('Z'));
    expect(left).toEqual([]);
  });

  it('ends the agent’s group at a kill before the process table is read, and reads it once the kill has returned', async () => {
    const reads: string[] = [];
    const turns: Array<() => void> = [];
    const scanner = new ProcessScanner(
      {
        list: () => {
          reads.push('process table');
          return systemProcReader.list();
        },
        environ: systemProcReader.environ,
      },
      (task) => void turns.push(task),
    );
    const spawned = new NodePtyAdapter({ killGraceMs: 300, scanner }).spawn({ ...node(ECHO), cwd, env, size: { cols: 80, rows: 24 }, mark: randomUUID() });
    if (!spawned.ok) throw new Error('spawn failed');
    let output = '';
    spawned.value.onData((data) => (output += data));
    await eventually(() => output.includes('ready'), 'the agent to start');
    let exited = false;
    spawned.value.onExit(() => (exited = true));
    spawned.value.kill();
    expect(reads).toEqual([]);
    await eventually(() => exited, 'the agent to end with no read of the process table');
    expect(reads).toEqual([]);
    // The rest of the session (none here) is looked for on the next turn, and swept after the grace.
    turns.splice(0).forEach((turn) => turn());
    expect(reads).toEqual(['process table']);
    await eventually(() => {
      turns.splice(0).forEach((turn) => turn());
      return reads.length >= 2;
    }, 'the sweep after the grace');
  });

  it.runIf(process.platform === 'linux')('kills, by the session’s mark, a child that left the group and the session (setsid), and reports nothing left', async () => {
    const pidFile = join(cwd, 'escaped.pid');
    const mark = randomUUID();
    const script = `
      const child = require('node:child_process').spawn('setsid', [process.execPath, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
      setInterval(() => {}, 1000);`;
    const logged: string[] = [];
    marks.push(mark);
    const spawned = new NodePtyAdapter({ killGraceMs: 300, log: (message) => logged.push(message) }).spawn({ ...node(script), cwd, env, size: { cols: 80, rows: 24 }, mark });
    if (!spawned.ok) throw new Error('spawn failed');
    const escaped = await eventually(() => {
      const pid = pidIn(pidFile);
      // Known once setsid has run: the process leads a session of its own.
      return pid !== undefined && sessionOf(pid) === pid ? pid : undefined;
    }, 'the child that left the session');
    spawned.value.kill();
    await eventually(() => !alive(escaped) && !alive(spawned.value.pid), 'the agent and the child that left');
    expect(logged).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('follows the mark once the agent exited by itself: a kill then reaches what it left running', async () => {
    const mark = randomUUID();
    const pidFile = join(cwd, 'left.pid');
    const script = `
      const child = require('node:child_process').spawn('setsid', ['sleep', '300'], { stdio: 'ignore', detached: false });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
      child.unref(); setTimeout(() => process.exit(0), 200);`;
    marks.push(mark);
    const spawned = new NodePtyAdapter({ killGraceMs: 300 }).spawn({ ...node(script), cwd, env, size: { cols: 80, rows: 24 }, mark });
    if (!spawned.ok) throw new Error('spawn failed');
    let exited = false;
    spawned.value.onExit(() => (exited = true));
    await eventually(() => exited, 'the agent to exit by itself');
    const left = await eventually(() => pidIn(pidFile), 'the pid of what the agent left');
    expect(alive(left)).toBe(true);
    spawned.value.kill();
    await eventually(() => !alive(left), 'what the agent left behind');
  });

  it('says a shell has a foreground job while a command it started runs, and none once it is back at its prompt', async () => {
    const spawned = new NodePtyAdapter({ killGraceMs: 300 }).spawn({ command: '/bin/sh', args: [], cwd, env: { ...env, PS1: 'prompt$ ' }, size: { cols: 80, rows: 24 } });
    if (!spawned.ok) throw new Error('spawn');
    const shell = spawned.value;
    let output = '';
    shell.onData((data) => (output += data));
    await eventually(() => output.includes('prompt$'), 'the prompt');
    expect(shell.foregroundJob()).toBe(false);
    shell.write('sleep 2; echo slept\r');
    await eventually(() => shell.foregroundJob() === true, 'sleep in the foreground');
    await eventually(() => /^slept/m.test(output) && shell.foregroundJob() === false, 'the shell back in the foreground');
    shell.kill();
  });

  it('finds a command on the PATH of the child environment, not of this process', () => {
    expect(resolveCommand('node', { PATH: '/nonexistent' }, cwd)).toBeUndefined();
    expect(resolveCommand('sh', { PATH: '/nonexistent:/bin:/usr/bin' }, cwd)).toMatch(/\/sh$/);
    expect(resolveCommand(process.execPath, {}, cwd)).toBe(process.execPath);
  });
});
