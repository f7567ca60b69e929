import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentStoreContract, sampleAgent } from '../contracts/agent-store.contract';
import { MarkdownAgentStore } from './markdown-agent-store';

const roots: string[] = [];
async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'tessera-agents-'));
  roots.push(root);
  return root;
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

agentStoreContract('MarkdownAgentStore', async () => new MarkdownAgentStore(await project()));

describe('MarkdownAgentStore on disk', () => {
  it('writes the persona file format and nothing else', async () => {
    const root = await project();
    await new MarkdownAgentStore(root).save(sampleAgent());
    const text = await readFile(join(root, '.tessera/agents/reviewer.md'), 'utf8');
    expect(text).toBe(
      '---\nname: Reviewer\nprofile: claude\nskills:\n  - code-review\n  - testing\nworkspace: run-dir\nargs:\n  - --verbose\nenv:\n  LEVEL: strict\n---\nYou are a meticulous reviewer.\n',
    );
    expect(await readdir(join(root, '.tessera/agents'))).toEqual(['reviewer.md']);
  });

  it('never changes the bytes of a malformed file, whatever else happens', async () => {
    const root = await project();
    const dir = join(root, '.tessera/agents');
    await mkdir(dir, { recursive: true });
    const bytes = '---\nname: [oops\n---\n\u00e9t\u00e9\r\n';
    await writeFile(join(dir, 'bad.md'), bytes);
    const store = new MarkdownAgentStore(root);
    await store.list();
    await store.get('bad');
    await store.readSource('bad');
    await store.save(sampleAgent());
    await store.trash('reviewer');
    await store.list();
    expect(await readFile(join(dir, 'bad.md'), 'utf8')).toBe(bytes);
  });

  it('reads files written by hand, and numbers in env as text', async () => {
    const root = await project();
    await mkdir(join(root, '.tessera/agents'), { recursive: true });
    await writeFile(join(root, '.tessera/agents/dev.md'), '---\nname: Dev\nprofile: codex\nenv:\n  PORT: 3000\ndescription: extra keys are fine\n---\n# Dev\n');
    const listing = await new MarkdownAgentStore(root).get('dev');
    expect(listing).toEqual({
      ok: true,
      agent: { slug: 'dev', name: 'Dev', profile: 'codex', skills: [], workspace: 'run-dir', args: [], env: { PORT: '3000' }, persona: '# Dev\n' },
    });
  });

  it('lists a file whose name is not a slug as broken, suggesting a name', async () => {
    const root = await project();
    await mkdir(join(root, '.tessera/agents'), { recursive: true });
    await writeFile(join(root, '.tessera/agents/My Agent.md'), '---\nname: Mine\n---\n');
    await writeFile(join(root, '.tessera/agents/.swap.md'), 'ignored');
    await writeFile(join(root, '.tessera/agents/notes.txt'), 'ignored');
    expect(await new MarkdownAgentStore(root).list()).toEqual([
      { ok: false, broken: { slug: 'My Agent', error: 'the file name "My Agent.md" is not a slug (a-z, 0-9 and -); rename it to my-agent.md' } },
    ]);
  });

  it('moves a trashed file, bytes intact, to a time-stamped name in .tessera/trash', async () => {
    const root = await project();
    const store = new MarkdownAgentStore(root, () => Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    await store.writeSource('reviewer', 'keep me');
    const first = await store.trash('reviewer');
    await store.writeSource('reviewer', 'keep me too');
    const second = await store.trash('reviewer');
    expect(first).toEqual({ ok: true, value: join(root, '.tessera/trash/reviewer-2025-01-02T03-04-05-006Z.md') });
    expect(second).toEqual({ ok: true, value: join(root, '.tessera/trash/reviewer-2025-01-02T03-04-05-006Z-2.md') });
    expect(await readFile(join(root, '.tessera/trash/reviewer-2025-01-02T03-04-05-006Z.md'), 'utf8')).toBe('keep me');
  });

  it('reports a write that fails instead of throwing', async () => {
    const root = await project();
    // A file where the .tessera directory must be: mkdir fails even for root.
    await writeFile(join(root, '.tessera'), 'not a directory');
    const result = await new MarkdownAgentStore(root).save(sampleAgent());
    expect(result).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
  });
});

describe('the persona files Tessera writes', () => {
  it('end with a newline, so a line appended later starts a line of its own', async () => {
    const root = await project();
    await new MarkdownAgentStore(root).save({ ...sampleAgent(), persona: 'You review.' });
    const text = await readFile(join(root, '.tessera/agents/reviewer.md'), 'utf8');
    expect(text.endsWith('---\nYou review.\n')).toBe(true);
  });
});
