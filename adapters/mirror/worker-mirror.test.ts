import { afterAll, describe, expect, it } from 'vitest';
import { terminalMirrorContract } from '../contracts/terminal-mirror.contract';
import { WorkerMirrorFactory } from './worker-mirror';

const entry = new URL('./mirror-worker-boot.mjs', import.meta.url);
const factories: WorkerMirrorFactory[] = [];
function factory(options: { maxBacklog?: number } = {}): WorkerMirrorFactory {
  const made = new WorkerMirrorFactory({ entry, maxBacklog: 256 * 1024, lineCost: 48, ...options });
  factories.push(made);
  return made;
}
/** A mirror bounded at `maxBacklog`, and what it said about its backlog. */
function watched(maxBacklog: number) {
  const mirror = factory({ maxBacklog }).create({ cols: 40, rows: 5 });
  const said: boolean[] = [];
  mirror.onBacklog((behind) => said.push(behind));
  return { mirror, said };
}

/** Once the worker has parsed everything written so far and its report has come back. */
async function parsed(mirror: { screenText(): Promise<string> }): Promise<void> {
  await mirror.screenText();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

afterAll(async () => {
  await Promise.all(factories.map((f) => f.dispose()));
});

terminalMirrorContract('WorkerMirror', () => factory());

describe('WorkerMirror', () => {
  it('parses escape sequences on its thread like the headless mirror does', async () => {
    const mirror = factory().create({ cols: 30, rows: 3 });
    mirror.write('\x1b[31mred\x1b[0m plain\r\n');
    expect((await mirror.screenText()).split('\n')[0]).toBe('red plain');
    expect(await mirror.serialize()).toMatch(/\x1b\[31mred/);
  });

  it('says it is behind past its backlog bound, and that it caught up once the worker parsed the output', async () => {
    const { mirror, said } = watched(1000);
    mirror.write('x'.repeat(600));
    expect(said).toEqual([]);
    mirror.write('y'.repeat(600));
    expect(said).toEqual([true]);
    await parsed(mirror);
    expect(said).toEqual([true, false]);
  });

  it('starts its thread ahead of the first mirror when asked, and uses that one for it', async () => {
    const mirrors = factory();
    expect(mirrors.threadId).toBeUndefined();
    mirrors.start();
    const started = mirrors.threadId;
    expect(started).toBeGreaterThan(0);
    const mirror = mirrors.create({ cols: 20, rows: 2 });
    mirror.write('warm');
    expect((await mirror.screenText()).split('\n')[0]).toBe('warm');
    expect(mirrors.threadId).toBe(started);
  });

  it('counts its backlog by parse cost: short lines weigh more than their bytes', async () => {
    const { mirror, said } = watched(1000);
    // 60 characters, but 30 lines of `yes` take as long to parse as 1440 bytes of prose.
    mirror.write('y\n'.repeat(30));
    expect(said).toEqual([true]);
    await parsed(mirror);
    expect(said).toEqual([true, false]);
  });

  it('keeps sessions apart on the one thread', async () => {
    const mirrors = factory();
    const a = mirrors.create({ cols: 20, rows: 2 });
    const b = mirrors.create({ cols: 20, rows: 2 });
    a.write('alpha');
    b.write('beta');
    expect((await a.screenText()).split('\n')[0]).toBe('alpha');
    expect((await b.screenText()).split('\n')[0]).toBe('beta');
  });

  it('once disposed: reads as empty, releases a held writer and never holds it again, and gives later sessions empty mirrors', async () => {
    const mirrors = factory({ maxBacklog: 10 });
    const old = mirrors.create({ cols: 20, rows: 2 });
    const said: boolean[] = [];
    old.onBacklog((behind) => said.push(behind));
    old.write('more than ten characters');
    expect(said).toEqual([true]);
    await mirrors.dispose();
    expect(said).toEqual([true, false]);
    expect(await old.screenText()).toBe('');
    // Output that goes nowhere must not hold the PTY again: nothing would ever release it.
    old.write('x'.repeat(1000));
    expect(said).toEqual([true, false]);
    // Disposed for good (the app quits): a session started now gets a mirror that reads as empty.
    const late = mirrors.create({ cols: 20, rows: 2 });
    late.write('late');
    expect(await late.screenText()).toBe('');
    expect(mirrors.threadId).toBeUndefined();
  });

  it('starts a new thread for the next mirror when its thread died', async () => {
    const mirrors = factory();
    const first = mirrors.create({ cols: 20, rows: 2 });
    first.write('before');
    expect((await first.screenText()).split('\n')[0]).toBe('before');
    const dead = mirrors.threadId;
    // The thread dies (as a crash would end it), without the factory being disposed.
    await (mirrors as unknown as { channel: { worker: { terminate(): Promise<number> } } }).channel.worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await first.screenText()).toBe('');
    const fresh = mirrors.create({ cols: 20, rows: 2 });
    fresh.write('again');
    expect((await fresh.screenText()).split('\n')[0]).toBe('again');
    expect(mirrors.threadId).not.toBe(dead);
  });
});
