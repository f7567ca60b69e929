import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually } from '../contracts/eventually';
import { processAlive } from '../contracts/process-alive';
import { processMeterContract } from '../contracts/process-meter.contract';
import { killMarked, SESSION_MARK_VARIABLE } from '../shared/session-mark';
import { ProcProcessMeter } from './proc-process-meter';

processMeterContract('ProcProcessMeter on the real /proc', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-meter-'));
  const helperScript = join(folder, 'helper.sh');
  writeFileSync(helperScript, 'sleep 300 & echo helperChild $!\nwait\n');
  // The child is a node process that works for 300 ms of CPU time on SIGUSR1, so its CPU time can be made to grow.
  const busyChild = `"${process.execPath}" -e "process.on('SIGUSR1',()=>{const c=process.cpuUsage();while(process.cpuUsage(c).user<300000){}});console.log('ready');setInterval(()=>{},1e6)"`;
  const script = [`${busyChild} > "${join(folder, 'child-$$')}" & echo child $!`, 'setsid sleep 300 & echo escaped $!', `sh "${helperScript}" & echo helper $!`, 'wait'].join('\n');
  const meter = new ProcProcessMeter({ helperPrograms: [[helperScript]] });
  const marks: string[] = [];
  return {
    meter,
    async startTree() {
      const mark = randomUUID();
      marks.push(mark);
      const root = spawn('sh', ['-c', script], { detached: true, env: { PATH: process.env.PATH, [SESSION_MARK_VARIABLE]: mark }, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      root.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const pidOf = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
      await eventually(() => ['child', 'escaped', 'helper', 'helperChild'].every((name) => pidOf(name) > 0), 'the tree to start');
      await eventually(() => {
        try {
          return readFileSync(join(folder, `child-${root.pid}`), 'utf8').includes('ready');
        } catch {
          return false;
        }
      }, 'the busy child to be ready');
      return { session: { id: mark, pid: root.pid! }, child: pidOf('child'), escaped: pidOf('escaped'), helper: pidOf('helper'), helperChild: pidOf('helperChild') };
    },
    async end(pid) {
      // Ending one may end another (a shell waiting on it): one already gone is ended.
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      await eventually(() => !processAlive(pid), `process ${pid} to end`);
    },
    async burn(pid) {
      const cpuOf = async () => [...(await meter.read(marks.map((id) => ({ id, pid: 0 })))).values()].flat().find((r) => r.pid === pid)?.cpuMs ?? 0;
      const before = await cpuOf();
      process.kill(pid, 'SIGUSR1');
      await eventually(async () => (await cpuOf()) >= before + 100, 'the child to use CPU');
    },
    async dispose() {
      for (const mark of marks) await killMarked(mark);
      rmSync(folder, { recursive: true, force: true });
    },
  };
});

describe('ProcProcessMeter on a pretend /proc', () => {
  const mark = 'a1b2c3d4-0000-4000-8000-000000000001';
  const table = () => mkdtempSync(join(tmpdir(), 'tessera-proc-'));
  /** Writes one pretend process; `state` Z makes a zombie, `environ: null` an environment we may not read. */
  const write = (root: string, pid: number, p: { name: string; parent: number; state?: string; utime?: number; stime?: number; cutime?: number; start?: number; rssKb?: number; environ?: string[] | null; argv?: string[] }) => {
    const folder = join(root, String(pid));
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    const fields = [p.state ?? 'S', p.parent, pid, pid, 0, -1, 0, 0, 0, 0, 0, p.utime ?? 0, p.stime ?? 0, p.cutime ?? 0, 0, 20, 0, 1, 0, p.start ?? pid, 0, 0];
    writeFileSync(join(folder, 'stat'), `${pid} (${p.name}) ${fields.join(' ')}\n`);
    if (p.environ !== null) writeFileSync(join(folder, 'environ'), (p.environ ?? []).map((v) => `${v}\0`).join(''));
    writeFileSync(join(folder, 'cmdline'), (p.argv ?? [p.name]).map((v) => `${v}\0`).join(''));
    writeFileSync(join(folder, 'status'), p.rssKb === undefined ? 'Name:\tx\n' : `Name:\tx\nVmRSS:\t  ${p.rssKb} kB\n`);
  };

  it('reads CPU ticks as milliseconds, the parent after a program name holding spaces and parentheses, and VmRSS', async () => {
    const root = table();
    write(root, 10, { name: 'claude', parent: 1, utime: 150, stime: 50, cutime: 7, rssKb: 2048, environ: [`${SESSION_MARK_VARIABLE}=${mark}`] });
    write(root, 11, { name: 'tmux: (server) x', parent: 10, utime: 3, rssKb: 100 });
    const read = (await new ProcProcessMeter({ procRoot: root }).read([{ id: mark, pid: 10 }])).get(mark);
    expect(read).toEqual([
      { pid: 10, parentPid: 1, start: 10, cpuMs: 2000, reapedCpuMs: 70, rssBytes: 2048 * 1024 },
      { pid: 11, parentPid: 10, start: 11, cpuMs: 30, reapedCpuMs: 0, rssBytes: 100 * 1024 },
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves out zombies, and counts a process whose environment it may not read by its parent alone', async () => {
    const root = table();
    write(root, 10, { name: 'agent', parent: 1, environ: [`${SESSION_MARK_VARIABLE}=${mark}`], rssKb: 1 });
    write(root, 11, { name: 'done', parent: 10, state: 'Z' });
    write(root, 12, { name: 'setuid', parent: 10, environ: null });
    expect((await new ProcProcessMeter({ procRoot: root }).read([{ id: mark, pid: 10 }])).get(mark)?.map((r) => r.pid)).toEqual([10, 12]);
    rmSync(root, { recursive: true, force: true });
  });

  it('looks again at a process that ran another program: a fork that became a helper leaves the tree', async () => {
    const root = table();
    const meter = new ProcProcessMeter({ procRoot: root, helperPrograms: [['/opt/tessera/status-line.mjs']] });
    write(root, 10, { name: 'claude', parent: 1, environ: [`${SESSION_MARK_VARIABLE}=${mark}`] });
    write(root, 11, { name: 'claude', parent: 10, environ: [`${SESSION_MARK_VARIABLE}=${mark}`] });
    expect((await meter.read([{ id: mark, pid: 10 }])).get(mark)?.map((r) => r.pid)).toEqual([10, 11]);
    write(root, 11, { name: 'node', parent: 10, environ: [`${SESSION_MARK_VARIABLE}=${mark}`], argv: ['node', '/opt/tessera/status-line.mjs'] });
    expect((await meter.read([{ id: mark, pid: 10 }])).get(mark)?.map((r) => r.pid)).toEqual([10]);
    rmSync(root, { recursive: true, force: true });
  });

  it("tells a helper by how its command line starts: the host running the same script, every agent's parent, is not one, nor an agent that names the script later in its line", async () => {
    const root = table();
    const meter = new ProcProcessMeter({ procRoot: root, helperPrograms: [['/opt/tessera/bin/tessera', 'mcp']] });
    write(root, 5, { name: 'node', parent: 1, argv: ['node', '/opt/tessera/bin/tessera', 'web'] });
    write(root, 10, { name: 'sh', parent: 5, environ: [`${SESSION_MARK_VARIABLE}=${mark}`] });
    write(root, 11, { name: 'miner', parent: 10, environ: [`${SESSION_MARK_VARIABLE}=${mark}`], argv: ['./miner', '--quiet', '/opt/tessera/bin/tessera', 'mcp'] });
    write(root, 12, { name: 'node', parent: 10, environ: [`${SESSION_MARK_VARIABLE}=${mark}`], argv: ['node', '/opt/tessera/bin/tessera', 'mcp'] });
    expect((await meter.read([{ id: mark, pid: 10 }])).get(mark)?.map((r) => r.pid)).toEqual([10, 11]);
    rmSync(root, { recursive: true, force: true });
  });

  it('answers nothing where there is no process table', async () => {
    expect((await new ProcProcessMeter({ procRoot: join(tmpdir(), 'tessera-no-proc-here') }).read([{ id: mark, pid: 10 }])).size).toBe(0);
  });

  it('lets the thread run other work while it reads a large table, and still reads every process', async () => {
    const root = table();
    write(root, 10, { name: 'agent', parent: 1, environ: [`${SESSION_MARK_VARIABLE}=${mark}`], rssKb: 1 });
    for (let pid = 11; pid < 411; pid++) write(root, pid, { name: 'worker', parent: pid === 11 ? 10 : pid - 1, rssKb: 1 });
    const order: string[] = [];
    const reading = new ProcProcessMeter({ procRoot: root, concurrency: 4 }).read([{ id: mark, pid: 10 }]).then((read) => {
      order.push('read');
      return read;
    });
    setImmediate(() => order.push('other work'));
    const read = await reading;
    expect(order).toEqual(['other work', 'read']);
    expect(read.get(mark)).toHaveLength(401);
    rmSync(root, { recursive: true, force: true });
  });
});
