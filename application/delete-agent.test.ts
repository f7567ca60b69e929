import { describe, expect, it } from 'vitest';
import { sampleAgent } from '../adapters/contracts/agent-store.contract';
import { RecordingEventBus } from '../adapters/events/recording-event-bus';
import { InMemoryAgentStore } from '../adapters/memory/in-memory-agent-store';
import { DeleteAgent } from './delete-agent';
import { ListAgents } from './list-agents';

function world() {
  const agents = new InMemoryAgentStore(() => 42);
  const events = new RecordingEventBus();
  return { agents, events, del: new DeleteAgent({ agents, events }), list: new ListAgents({ agents }) };
}

describe('DeleteAgent', () => {
  it('moves the persona file to the trash with its text intact, and announces it', async () => {
    const { agents, events, del, list } = world();
    await agents.save(sampleAgent());
    const before = await agents.readSource('reviewer');
    const result = await del.execute({ slug: 'reviewer' });
    expect(result).toEqual({ ok: true, value: { trashedTo: agents.trashed[0]?.to } });
    expect(agents.trashed[0]?.source).toBe(before?.source);
    expect(await list.execute()).toEqual([]);
    expect(events.published).toEqual([{ type: 'agents.changed' }]);
  });

  it('reports an unknown agent without announcing anything', async () => {
    const { events, del } = world();
    expect(await del.execute({ slug: 'ghost' })).toEqual({ ok: false, error: { kind: 'agent-not-found', slug: 'ghost' } });
    expect(events.published).toEqual([]);
  });

  it('refuses a slug that would escape the agents folder', async () => {
    const { agents, del } = world();
    await agents.save(sampleAgent());
    for (const slug of ['../reviewer', '/abs', 'a/b', '', 'con']) expect((await del.execute({ slug })).ok).toBe(false);
    expect((await agents.list()).length).toBe(1);
  });
});

describe('ListAgents', () => {
  it('lists good and broken persona files, broken ones with their error', async () => {
    const { agents, list } = world();
    await agents.save(sampleAgent());
    await agents.writeSource('bad', 'no frontmatter');
    const listings = await list.execute();
    expect(listings[0]).toMatchObject({ ok: false, broken: { slug: 'bad' } });
    expect(listings[1]).toEqual({ ok: true, agent: sampleAgent() });
    expect((await agents.readSource('bad'))?.source).toBe('no frontmatter');
  });
});
