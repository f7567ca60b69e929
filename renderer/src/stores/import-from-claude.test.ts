import { describe, expect, it } from 'vitest';
import { FakeApi } from '../testing/fake-api';
import { importFromClaude } from './import-from-claude';

describe('importFromClaude', () => {
  it('says what came in and what was skipped, with the reason', async () => {
    const api = new FakeApi().answer('agents.import', { agents: ['reviewer', 'builder'], skills: ['testing'], skipped: [{ name: 'style', reason: 'a project skill "style" already exists' }] });
    expect(await importFromClaude(api)).toEqual({
      title: 'Imported 2 agents and 1 skill from .claude',
      body: 'reviewer, builder, testing. Skipped: style (a project skill "style" already exists).',
    });
    expect(api.callsOf('agents.import')).toEqual([{}]);
  });

  it('says where it looked when there was nothing to import', async () => {
    const api = new FakeApi().answer('agents.import', { agents: [], skills: [], skipped: [] });
    expect(await importFromClaude(api)).toEqual({ title: 'Nothing imported from .claude', body: 'The project has no agents in .claude/agents and no skills in .claude/skills.' });
  });

  it('passes a refusal on', async () => {
    const api = new FakeApi();
    api.fail('agents.import', 'store-write-failed', 'Could not write .tessera/agents.');
    expect(await importFromClaude(api)).toEqual({ title: 'Import from .claude failed', body: 'Could not write .tessera/agents.' });
  });
});
