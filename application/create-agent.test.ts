import { describe, expect, it } from 'vitest';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { sampleProfile } from '../adapters/contracts/profile-store.contract';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { InMemoryProfileStore } from '../adapters/memory/in-memory-profile-store';
import { CreateAgent } from './create-agent';

function world() {
  const agents = new InMemoryAgentStore();
  const events = new RecordingEventBus();
  const profiles = new InMemoryProfileStore([sampleProfile({ id: 'claude', builtin: true }), sampleProfile({ id: 'codex', builtin: true }), sampleProfile({ id: 'gemini', inject: { kind: 'convention-file', target: 'GEMINI.md' } })]);
  return { agents, events, createAgent: new CreateAgent({ agents, profiles, events }) };
}

describe('CreateAgent', () => {
  it('creates a persona file with the defaults and announces it', async () => {
    const { agents, events, createAgent } = world();
    const result = await createAgent.execute({ name: ' Code Reviewer ', persona: 'Be picky.\n' });
    const agent = { slug: 'code-reviewer', name: 'Code Reviewer', profile: 'claude', skills: [], workspace: 'run-dir', args: [], env: {}, persona: 'Be picky.\n' };
    expect(result).toEqual({ ok: true, value: agent });
    expect(await agents.get('code-reviewer')).toEqual({ ok: true, agent });
    expect(events.published).toEqual([{ type: 'agents.changed' }]);
  });

  it('keeps the chosen profile, skills (even ones that do not exist yet) and workspace', async () => {
    const { createAgent } = world();
    const result = await createAgent.execute({ name: 'Dev', profile: 'codex', skills: ['testing', 'not-yet', 'testing'], workspace: 'project' });
    expect(result).toMatchObject({ ok: true, value: { profile: 'codex', skills: ['testing', 'not-yet'], workspace: 'project' } });
  });

  it('refuses the project workspace for a profile that would write its context file into the project, since it could not launch', async () => {
    const { agents, createAgent } = world();
    const result = await createAgent.execute({ name: 'Dev', profile: 'gemini', workspace: 'project' });
    expect(result).toEqual({ ok: false, error: { kind: 'injection-unsupported-in-project-mode', target: 'GEMINI.md' } });
    expect(await agents.list()).toEqual([]);
  });

  it('writes the on-failure restart policy, and no restart key for never', async () => {
    const { agents, createAgent } = world();
    await createAgent.execute({ name: 'Watcher', restart: 'on-failure' });
    await createAgent.execute({ name: 'Quiet', restart: 'never' });
    expect(await agents.get('watcher')).toMatchObject({ ok: true, agent: { restart: 'on-failure' } });
    const quiet = await agents.get('quiet');
    expect(quiet?.ok && 'restart' in quiet.agent).toBe(false);
  });

  it.each([
    ['   ', { kind: 'name-empty' }],
    ['', { kind: 'name-empty' }],
    ['../x', { kind: 'name-invalid', name: '../x' }],
    ['/abs', { kind: 'name-invalid', name: '/abs' }],
    ['a/b', { kind: 'name-invalid', name: 'a/b' }],
    ['con', { kind: 'name-invalid', name: 'con' }],
    ['NUL', { kind: 'name-invalid', name: 'NUL' }],
    ['C:evil', { kind: 'name-invalid', name: 'C:evil' }],
    ['!!!', { kind: 'name-invalid', name: '!!!' }],
  ])('refuses the name %j without touching the store', async (name, error) => {
    const { agents, events, createAgent } = world();
    const result = await createAgent.execute({ name });
    expect(result).toMatchObject({ ok: false, error });
    expect(await agents.list()).toEqual([]);
    expect(events.published).toEqual([]);
  });

  it('refuses a skill name that would escape its folder', async () => {
    const { agents, createAgent } = world();
    expect(await createAgent.execute({ name: 'Dev', skills: ['../secrets'] })).toMatchObject({ ok: false, error: { kind: 'name-invalid', name: '../secrets' } });
    expect(await agents.list()).toEqual([]);
  });

  it('refuses a second agent with the same slug and keeps the first', async () => {
    const { agents, createAgent } = world();
    await createAgent.execute({ name: 'Reviewer', persona: 'first' });
    expect(await createAgent.execute({ name: 'reviewer', persona: 'second' })).toEqual({ ok: false, error: { kind: 'agent-exists', slug: 'reviewer' } });
    expect(await agents.get('reviewer')).toMatchObject({ ok: true, agent: { persona: 'first\n' } });
  });

  it('refuses to overwrite a broken persona file with the same slug', async () => {
    const { agents, createAgent } = world();
    await agents.writeSource('reviewer', 'garbage');
    expect(await createAgent.execute({ name: 'Reviewer' })).toEqual({ ok: false, error: { kind: 'agent-exists', slug: 'reviewer' } });
    expect((await agents.readSource('reviewer'))?.source).toBe('garbage');
  });

  it('refuses an unknown profile', async () => {
    const { agents, createAgent } = world();
    expect(await createAgent.execute({ name: 'Dev', profile: 'gpt-9' })).toEqual({ ok: false, error: { kind: 'profile-not-found', profileId: 'gpt-9' } });
    expect(await agents.list()).toEqual([]);
  });
});
