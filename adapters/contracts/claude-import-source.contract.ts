import { describe, expect, it } from 'vitest';
import type { ClaudeImportSource } from '../../domain/ports/claude-import-source.port';

/** What a contract run needs: the source, and a way to put files in `.claude/` before reading. */
export interface ClaudeImportWorld {
  readonly source: ClaudeImportSource;
  addSubagent(fileName: string, text: string): Promise<void>;
  /** undefined: a folder without SKILL.md. */
  addSkill(folder: string, skillMd: string | undefined): Promise<void>;
}

export function claudeImportSourceContract(name: string, make: () => Promise<ClaudeImportWorld>): void {
  describe(`ClaudeImportSource contract: ${name}`, () => {
    it('finds nothing in a project without .claude/', async () => {
      const { source } = await make();
      expect(await source.subagents()).toEqual([]);
      expect(await source.skills()).toEqual([]);
    });

    it('decodes subagent files sorted by file name, tools given as text or as a list', async () => {
      const world = await make();
      await world.addSubagent('z-tester.md', '---\nname: tester\ndescription: Runs tests\ntools: [Bash, Read]\n---\nTest it.\n');
      await world.addSubagent('a-reviewer.md', '---\nname: code-reviewer\ndescription: Reviews code\ntools: Read, Grep, Glob\nmodel: sonnet\n---\nYou review.\n');
      expect(await world.source.subagents()).toEqual([
        {
          file: '.claude/agents/a-reviewer.md',
          result: { ok: true, value: { name: 'code-reviewer', description: 'Reviews code', tools: ['Read', 'Grep', 'Glob'], model: 'sonnet', prompt: 'You review.\n' } },
        },
        { file: '.claude/agents/z-tester.md', result: { ok: true, value: { name: 'tester', description: 'Runs tests', tools: ['Bash', 'Read'], prompt: 'Test it.\n' } } },
      ]);
    });

    it('reports a subagent file that does not parse, with why', async () => {
      const world = await make();
      await world.addSubagent('bad.md', 'no frontmatter at all');
      await world.addSubagent('nameless.md', '---\ndescription: x\n---\n');
      const found = await world.source.subagents();
      expect(found.map((c) => c.result.ok)).toEqual([false, false]);
      expect(found[1]?.result).toEqual({ ok: false, error: 'the frontmatter has no "name"' });
    });

    it('hands skill folders over as raw SKILL.md text, and reports a folder without one', async () => {
      const world = await make();
      await world.addSkill('testing', '---\nname: testing\ndescription: d\n---\nbody\n');
      await world.addSkill('empty', undefined);
      expect(await world.source.skills()).toEqual([
        { file: '.claude/skills/empty/SKILL.md', result: { ok: false, error: 'the file is missing' } },
        { file: '.claude/skills/testing/SKILL.md', result: { ok: true, value: { folder: 'testing', source: '---\nname: testing\ndescription: d\n---\nbody\n' } } },
      ]);
    });
  });
}
