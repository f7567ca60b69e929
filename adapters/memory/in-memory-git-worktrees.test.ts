import { gitWorktreesContract } from '../contracts/git-worktrees.contract';
import { InMemoryGitWorktrees } from './in-memory-git-worktrees';

gitWorktreesContract('InMemoryGitWorktrees', async () => {
  const git = new InMemoryGitWorktrees();
  let n = 0;
  return {
    git,
    freshPath: (name) => `/scratch/fresh-${++n}/${name}`,
    async repo(files) {
      const root = `/scratch/repo-${++n}`;
      git.initRepository(root, files);
      return root;
    },
    async plainDir() {
      const dir = `/scratch/plain-${++n}`;
      git.addPlainDirectory(dir);
      return dir;
    },
    write: async (path, text) => git.write(path, text),
    read: async (path) => git.read(path),
    commitAll: async (dir) => git.commitAll(dir),
    branchOf: async (dir) => git.branchOf(dir) ?? '',
    branches: async (dir) => git.branches(dir),
    status: async (dir) => git.status(dir),
    deleteByHand: async (path) => git.deleteByHand(path),
  };
});
