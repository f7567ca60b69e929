import { describe, expect, it } from 'vitest';
import { projectWatcherContract } from '../contracts/project-watcher.contract';
import { InMemoryProjectWatcher } from './in-memory-project-watcher';

projectWatcherContract('InMemoryProjectWatcher', async () => {
  const watcher = new InMemoryProjectWatcher();
  const root = '/projects/shop';
  return { watcher, root, edit: async (paths) => paths.forEach((path) => watcher.changed(root, path)) };
});

describe('InMemoryProjectWatcher', () => {
  it('tells nothing for a file outside the watched folders or in another project', async () => {
    const watcher = new InMemoryProjectWatcher();
    const heard: string[] = [];
    await watcher.watch('/projects/shop', (folder) => heard.push(folder));
    watcher.changed('/projects/shop', 'src/index.ts');
    watcher.changed('/projects/shop', '.tessera/agents/nested/x.md');
    watcher.changed('/projects/other', '.tessera/agents/x.md');
    watcher.changed('/projects/shop', '.tessera/skills/marker/SKILL.md');
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['skills']);
  });
});
