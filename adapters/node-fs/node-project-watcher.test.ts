import { lstat, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectWatcherContract } from '../contracts/project-watcher.contract';
import { eventually } from '../contracts/eventually';
import type { Scheduler } from '../../domain/ports/scheduler.port';
import { NodeProjectWatcher } from './node-project-watcher';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tempProject(): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'tessera-watch-')));
  made.push(dir);
  return dir;
}

/** Real timers without pulling the system adapter in: adapters stay apart, even in tests. */
const realTimers: Scheduler = {
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return { dispose: () => clearTimeout(timer) };
  },
  nextTurn: (fn) => void setImmediate(fn),
};

/** Timers moved by hand (adapters stay apart, so the memory adapters' ManualScheduler is not borrowed). */
class HandMovedTimers implements Scheduler {
  private now = 0;
  private readonly timers = new Set<{ due: number; fn: () => void }>();
  get pending(): number {
    return this.timers.size;
  }
  setTimeout(fn: () => void, ms: number) {
    const timer = { due: this.now + ms, fn };
    this.timers.add(timer);
    return { dispose: () => void this.timers.delete(timer) };
  }
  nextTurn(fn: () => void): void {
    this.setTimeout(fn, 0);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const timer of [...this.timers].sort((a, b) => a.due - b.due)) {
      if (timer.due > this.now) continue;
      this.timers.delete(timer);
      timer.fn();
    }
  }
}

async function writeAll(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) await mkdir(dirname(join(root, path)), { recursive: true });
  for (const path of paths) await writeFile(join(root, path), `${path}\n`);
}

projectWatcherContract('NodeProjectWatcher', async () => {
  const root = await tempProject();
  return { watcher: new NodeProjectWatcher({ scheduler: realTimers, debounceMs: 50, log: () => undefined }), root, edit: (paths) => writeAll(root, paths) };
});

describe('NodeProjectWatcher', () => {
  it('does not follow an agents folder that is a symbolic link, and says so', async () => {
    const root = await tempProject();
    const elsewhere = await tempProject();
    await mkdir(join(root, '.tessera'));
    await symlink(elsewhere, join(root, '.tessera', 'agents'));
    const logged: string[] = [];
    const heard: string[] = [];
    const watching = await new NodeProjectWatcher({ scheduler: realTimers, debounceMs: 10, log: (message) => logged.push(message) }).watch(root, (folder) => heard.push(folder));
    expect(logged).toEqual([`not watching ${join(root, '.tessera', 'agents')}: it is a symbolic link`]);
    // The skills folder is still watched: a skills edit is heard, the linked folder's edit never is.
    await writeFile(join(elsewhere, 'outside.md'), 'x');
    await writeAll(root, ['.tessera/skills/after/SKILL.md']);
    await eventually(() => heard.includes('skills'), 'the skills edit');
    expect(heard).not.toContain('agents');
    watching.dispose();
  });

  it('creates the two folders it watches', async () => {
    const root = await tempProject();
    const watching = await new NodeProjectWatcher({ scheduler: realTimers, debounceMs: 10, log: () => undefined }).watch(root, () => undefined);
    expect((await lstat(join(root, '.tessera', 'agents'))).isDirectory()).toBe(true);
    expect((await lstat(join(root, '.tessera', 'skills'))).isDirectory()).toBe(true);
    watching.dispose();
  });

  it('waits for the burst to go quiet: each new edit moves the telling back by the debounce', async () => {
    const root = await tempProject();
    const manual = new HandMovedTimers();
    let timersSet = 0;
    const scheduler: Scheduler = { setTimeout: (fn, ms) => (timersSet++, manual.setTimeout(fn, ms)), nextTurn: (fn) => manual.nextTurn(fn) };
    const heard: string[] = [];
    const watching = await new NodeProjectWatcher({ scheduler, debounceMs: 100, log: () => undefined }).watch(root, (folder) => heard.push(folder));
    await writeAll(root, ['.tessera/agents/one.md']);
    await eventually(() => timersSet > 0, 'the first edit to set the debounce');
    manual.advance(60);
    const before = timersSet;
    await writeAll(root, ['.tessera/agents/two.md']);
    await eventually(() => timersSet > before, 'the second edit to set the debounce again');
    // The second edit replaced the timer: 60 ms more is not enough, 100 after it is.
    manual.advance(60);
    expect(heard).toEqual([]);
    manual.advance(40);
    expect(heard).toEqual(['agents']);
    expect(manual.pending).toBe(0);
    watching.dispose();
  });
});
