import { describe, expect, it } from 'vitest';
import type { ProjectWatcher, WatchedFolder } from '../../domain/ports/project-watcher.port';
import { eventually } from './eventually';

export interface ProjectWatcherFixture {
  readonly watcher: ProjectWatcher;
  /** A project folder without a `.tessera` folder yet. */
  readonly root: string;
  /** Writes each file (a path relative to the project root) in one go, as an editor or a checkout would. */
  edit(relativePaths: readonly string[]): Promise<void>;
}

/** What every ProjectWatcher promises, for Node's fs.watch and the in-memory fake. */
export function projectWatcherContract(name: string, make: () => Promise<ProjectWatcherFixture>): void {
  describe(`ProjectWatcher contract: ${name}`, () => {
    it('tells an agent file written after watching began, even when the folder did not exist yet', async () => {
      const { watcher, root, edit } = await make();
      const heard: WatchedFolder[] = [];
      const watching = await watcher.watch(root, (folder) => heard.push(folder));
      await edit(['.tessera/agents/helper.md']);
      await eventually(() => heard.length > 0, 'a change');
      expect(heard).toEqual(['agents']);
      watching.dispose();
    });

    it('tells a skill file in a nested folder as a skills change', async () => {
      const { watcher, root, edit } = await make();
      const heard: WatchedFolder[] = [];
      const watching = await watcher.watch(root, (folder) => heard.push(folder));
      await edit(['.tessera/skills/review/SKILL.md']);
      await eventually(() => heard.includes('skills'), 'a skills change');
      expect(heard.every((folder) => folder === 'skills')).toBe(true);
      watching.dispose();
    });

    it('tells a burst of edits to one folder once', async () => {
      const { watcher, root, edit } = await make();
      const heard: WatchedFolder[] = [];
      const watching = await watcher.watch(root, (folder) => heard.push(folder));
      await edit(['.tessera/agents/a.md', '.tessera/agents/b.md', '.tessera/agents/c.md', '.tessera/agents/a.md']);
      await eventually(() => heard.length > 0, 'the burst');
      // The skills edit comes after the burst was told, so once it is heard the burst has nothing left to tell.
      await edit(['.tessera/skills/marker/SKILL.md']);
      await eventually(() => heard.includes('skills'), 'the later skills change');
      expect(heard.filter((folder) => folder === 'agents')).toEqual(['agents']);
      watching.dispose();
    });

    it('tells nothing once disposed, while another watch of the same project still hears', async () => {
      const { watcher, root, edit } = await make();
      const disposedHeard: WatchedFolder[] = [];
      const witnessHeard: WatchedFolder[] = [];
      const disposed = await watcher.watch(root, (folder) => disposedHeard.push(folder));
      const witness = await watcher.watch(root, (folder) => witnessHeard.push(folder));
      disposed.dispose();
      await edit(['.tessera/agents/late.md']);
      await eventually(() => witnessHeard.length > 0, 'the witness to hear the edit');
      expect(disposedHeard).toEqual([]);
      witness.dispose();
    });
  });
}
