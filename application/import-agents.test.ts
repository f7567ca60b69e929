import { describe, expect, it } from 'vitest';
import { sampleAgent } from '../adapters/contracts/agent-store.contract';
import { sampleSkill } from '../adapters/contracts/skill-store.contract';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryClaudeImportSource } from '../adapters/memory/in-memory-claude-import-source';
import { InMemoryProjectTrust } from '../adapters/memory/in-memory-project-trust';
import { InMemorySkillStore } from '../adapters/memory/in-memory-skill-store';
import { ImportAgents } from './import-agents';

const ROOT = '/work/cloned';

async function world() {
  const agents = new InMemoryAgentStore();
  const skills = new InMemorySkillStore();
  const source = new InMemoryClaudeImportSource();
  const events = new RecordingEventBus();
  const trust = new InMemoryProjectTrust();
  // A project with no Tessera agent of its own is trusted when opened.
  await trust.trust(ROOT);
  return { agents, skills, source, events, trust, importAgents: new ImportAgents({ agents, skills, source, events, trust: { projectRoot: ROOT, trust } }) };
}

const REVIEWER = '---\nname: Code Reviewer\ndescription: Reviews diffs\ntools: Read, Grep\nmodel: opus\n---\nYou review code.\n';
const TESTING = '---\nname: testing\ndescription: How to test\nallowed-tools: [Bash]\n---\nRun the suite.\n';

describe('ImportAgents', () => {
  it('turns Claude subagents into claude agents, keeping model and tools as arguments', async () => {
    const { agents, source, events, importAgents } = await world();
    source.addSubagent('reviewer.md', REVIEWER);
    expect(await importAgents.execute()).toEqual({ ok: true, value: { agents: ['code-reviewer'], skills: [], skipped: [] } });
    expect(await agents.get('code-reviewer')).toEqual({
      ok: true,
      agent: {
        slug: 'code-reviewer', name: 'Code Reviewer', profile: 'claude', skills: [], workspace: 'run-dir',
        args: ['--model', 'opus', '--allowedTools', 'Read,Grep'], env: {}, persona: 'You review code.\n',
      },
    });
    expect(events.published).toEqual([{ type: 'agents.changed' }]);
  });

  it('copies Claude skills into project skills as they are', async () => {
    const { skills, source, events, importAgents } = await world();
    source.addSkill('testing', TESTING);
    expect(await importAgents.execute()).toEqual({ ok: true, value: { agents: [], skills: ['testing'], skipped: [] } });
    expect((await skills.readSource('testing', 'project'))?.source).toBe(TESTING);
    expect(events.published).toEqual([{ type: 'skills.changed' }]);
  });

  it('skips what already exists, with a reason, and never overwrites it', async () => {
    const { agents, skills, source, importAgents } = await world();
    await agents.save(sampleAgent({ slug: 'code-reviewer', name: 'Mine', persona: 'my own' }));
    await skills.save(sampleSkill({ name: 'testing', body: 'my own' }));
    source.addSubagent('reviewer.md', REVIEWER).addSkill('testing', TESTING);
    expect(await importAgents.execute()).toEqual({
      ok: true,
      value: {
        agents: [],
        skills: [],
        skipped: [
          { name: 'Code Reviewer', reason: 'an agent "code-reviewer" already exists' },
          { name: 'testing', reason: 'a project skill "testing" already exists' },
        ],
      },
    });
    expect(await agents.get('code-reviewer')).toMatchObject({ ok: true, agent: { persona: 'my own\n' } });
    expect(await skills.get('testing', 'project')).toMatchObject({ ok: true, skill: { body: 'my own\n' } });
  });

  it('imports nothing new when run twice', async () => {
    const { source, events, importAgents } = await world();
    source.addSubagent('reviewer.md', REVIEWER).addSkill('testing', TESTING);
    await importAgents.execute();
    events.published.length = 0;
    const second = await importAgents.execute();
    expect(second.ok && second.value.agents.length + second.value.skills.length).toBe(0);
    expect(second.ok && second.value.skipped.length).toBe(2);
    expect(events.published).toEqual([]);
  });

  it('skips files that do not parse, bad names and two subagents with one slug', async () => {
    const { agents, source, importAgents } = await world();
    source
      .addSubagent('a.md', 'no frontmatter')
      .addSubagent('b.md', '---\nname: ../etc\n---\n')
      .addSubagent('c.md', '---\nname: Twin\n---\none\n')
      .addSubagent('d.md', '---\nname: twin\n---\ntwo\n')
      .addSkill('empty', undefined)
      .addSkill('bad', '---\ndescription: no name\n---\n');
    const result = await importAgents.execute();
    expect(result.ok && result.value.agents).toEqual(['twin']);
    expect(result.ok && result.value.skipped.map((s) => s.name)).toEqual(['.claude/agents/a.md', '../etc', 'twin', 'bad', '.claude/skills/empty/SKILL.md']);
    expect(result.ok && result.value.skipped[1]?.reason).toBe('the name contains a path separator');
    expect(await agents.get('twin')).toMatchObject({ ok: true, agent: { persona: 'one\n' } });
  });

  it('withdraws the project’s trust before it writes an imported agent: the next launch asks first', async () => {
    const { agents, source, trust, importAgents } = await world();
    source.addSubagent('helper.md', '---\nname: helper\ntools: Bash, Write\n---\nHelp.\n');
    expect(await importAgents.execute()).toMatchObject({ ok: true, value: { agents: ['helper'] } });
    expect(await trust.get(ROOT)).toEqual({ trusted: false, relaunchOnOpen: false });
    expect(await agents.get('helper')).toMatchObject({ ok: true, agent: { args: ['--allowedTools', 'Bash,Write'] } });
  });

  it('leaves the trust alone when it imports no agent', async () => {
    const { source, trust, importAgents } = await world();
    source.addSkill('testing', TESTING);
    await importAgents.execute();
    expect((await trust.get(ROOT)).trusted).toBe(true);
  });

  it('imports nothing when the trust cannot be withdrawn', async () => {
    const { agents, source, trust, events, importAgents } = await world();
    trust.failWrites = true;
    source.addSubagent('helper.md', '---\nname: helper\ntools: Bash\n---\nHelp.\n');
    expect(await importAgents.execute()).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
    expect(await agents.list()).toEqual([]);
    expect(events.published).toEqual([]);
  });
});
