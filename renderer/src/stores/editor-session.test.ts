import { describe, expect, it } from 'vitest';
import type { AgentDetailDto, SkillDetailDto } from '../../../contract/contract';
import { FakeApi, settle } from '../testing/fake-api';
import { createEditorSession, type EditorDoc } from './editor-session';

const agentFile = (source: string, revision: string): AgentDetailDto => ({
  slug: 'reviewer', name: 'Reviewer', profile: 'shell', skills: [], workspace: 'run-dir', args: [], env: {}, persona: '', source, revision,
});

/** A document like CodeMirror's, recording how it was changed. */
class TextDoc implements EditorDoc {
  value = '';
  resets = 0;
  text() {
    return this.value;
  }
  reset(text: string) {
    this.value = text;
    this.resets++;
  }
  replace(text: string) {
    this.value = text;
  }
}

async function open(api: FakeApi) {
  const doc = new TextDoc();
  const session = createEditorSession(api, { kind: 'agent', slug: 'reviewer' }, doc);
  await session.getState().load();
  const type = (text: string) => {
    doc.value += text;
    session.getState().edited();
  };
  return { doc, session, s: () => session.getState(), type };
}

describe('editor session', () => {
  it('loads the whole file as a fresh document and is not dirty', async () => {
    const { doc, s } = await open(new FakeApi().answer('agents.get', agentFile('# Reviewer\n', 'r1')));
    expect(doc.value).toBe('# Reviewer\n');
    expect(doc.resets).toBe(1);
    expect(s().status).toBe('ready');
    expect(s().dirty).toBe(false);
  });

  it('is dirty while the text differs from what is saved, and clean again when typed back', async () => {
    const { doc, s, type } = await open(new FakeApi().answer('agents.get', agentFile('a', 'r1')));
    type('b');
    expect(s().dirty).toBe(true);
    doc.value = 'a';
    s().edited();
    expect(s().dirty).toBe(false);
  });

  it('saves with the revision it loaded, then with the new one', async () => {
    let n = 1;
    const api = new FakeApi()
      .answer('agents.get', agentFile('a', 'r1'))
      .answer('agents.update', (p) => ({ ok: true, value: agentFile(p.source, `r${++n}`) }));
    const { s, type } = await open(api);
    type('b');
    await s().save();
    type('c');
    await s().save();
    expect(api.callsOf('agents.update')).toEqual([
      { slug: 'reviewer', source: 'ab', revision: 'r1' },
      { slug: 'reviewer', source: 'abc', revision: 'r2' },
    ]);
    expect(s().dirty).toBe(false);
  });

  it('saves a skill through skills.update with its scope', async () => {
    const skill: SkillDetailDto = { name: 'testing', description: '', scope: 'global', body: '', source: 'x', revision: 'r1' };
    const api = new FakeApi().answer('skills.get', skill).answer('skills.update', (p) => ({ ok: true, value: { ...skill, source: p.source, revision: 'r2' } }));
    const doc = new TextDoc();
    const session = createEditorSession(api, { kind: 'skill', name: 'testing', scope: 'global' }, doc);
    await session.getState().load();
    doc.value = 'xy';
    session.getState().edited();
    await session.getState().save();
    expect(api.callsOf('skills.update')).toEqual([{ name: 'testing', scope: 'global', source: 'xy', revision: 'r1' }]);
  });

  it('takes an external edit in place when there are no unsaved changes', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('one\n', 'r1'));
    const { doc, s } = await open(api);
    api.answer('agents.get', agentFile('one\ntwo\n', 'r2'));
    api.emit('agents.changed', {});
    await settle();
    expect(doc.value).toBe('one\ntwo\n');
    expect(doc.resets).toBe(1);
    expect(s().conflict).toBeUndefined();
  });

  it('never overwrites unsaved changes with an external edit: it offers Reload or Overwrite', async () => {
    const api = new FakeApi()
      .answer('agents.get', agentFile('base\n', 'r1'))
      .answer('agents.update', (p) => ({ ok: true, value: agentFile(p.source, 'r3') }));
    const { doc, s, type } = await open(api);
    type('mine\n');
    api.answer('agents.get', agentFile('base\ntheirs\n', 'r2'));
    api.emit('agents.changed', {});
    await settle();
    expect(doc.value).toBe('base\nmine\n');
    expect(s().conflict).toEqual({ source: 'base\ntheirs\n', revision: 'r2' });
    await s().overwrite();
    expect(api.callsOf('agents.update')).toEqual([{ slug: 'reviewer', source: 'base\nmine\n', revision: 'r2' }]);
    expect(s().conflict).toBeUndefined();
    expect(s().dirty).toBe(false);
  });

  it('turns a revision conflict on save into the choice, and Reload takes the disk version', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('base\n', 'r1')).fail('agents.update', 'revision-conflict', 'changed on disk');
    const { doc, s, type } = await open(api);
    type('mine\n');
    api.answer('agents.get', agentFile('disk\n', 'r2'));
    await s().save();
    expect(s().conflict?.revision).toBe('r2');
    expect(s().saveError).toBeUndefined();
    s().reload();
    expect(doc.value).toBe('disk\n');
    expect(s().dirty).toBe(false);
  });

  it('shows why a save was refused and keeps the text', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('base\n', 'r1')).fail('agents.update', 'agent-invalid', 'The frontmatter is not valid YAML.');
    const { doc, s, type } = await open(api);
    type(': bad');
    await s().save();
    expect(s().saveError).toBe('The frontmatter is not valid YAML.');
    expect(doc.value).toBe('base\n: bad');
    expect(s().dirty).toBe(true);
  });

  it('reports a file that cannot be opened', async () => {
    const { s } = await open(new FakeApi().fail('agents.get', 'agent-not-found', 'No agent "reviewer".'));
    expect(s().status).toBe('error');
    expect(s().loadError).toBe('No agent "reviewer".');
  });

  it('notices the file was deleted on disk', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('a', 'r1'));
    const { s } = await open(api);
    api.fail('agents.get', 'agent-not-found', 'gone');
    api.emit('agents.changed', {});
    await settle();
    expect(s().deleted).toBe(true);
  });

  it('offers to save a file deleted on disk, and saves it back with the revision it loaded', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('a', 'r1'));
    const { s } = await open(api);
    api.fail('agents.get', 'agent-not-found', 'gone');
    api.emit('agents.changed', {});
    await settle();
    expect(s().dirty).toBe(true);
    api.answer('agents.update', (params) => ({ ok: true, value: agentFile(params.source, 'r2') }));
    await s().save();
    expect(api.callsOf('agents.update')).toEqual([{ slug: 'reviewer', source: 'a', revision: 'r1' }]);
    expect(s().deleted).toBe(false);
    expect(s().dirty).toBe(false);
  });

  it('is clean again when a deleted file comes back as it was', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('a', 'r1'));
    const { s } = await open(api);
    api.fail('agents.get', 'agent-not-found', 'gone');
    api.emit('agents.changed', {});
    await settle();
    api.answer('agents.get', agentFile('a', 'r1'));
    api.emit('agents.changed', {});
    await settle();
    expect(s().deleted).toBe(false);
    expect(s().dirty).toBe(false);
  });

  it('stops listening for disk changes once closed', async () => {
    const api = new FakeApi().answer('agents.get', agentFile('a', 'r1'));
    const { s } = await open(api);
    expect(api.listenerCount('agents.changed')).toBe(1);
    s().dispose();
    expect(api.listenerCount('agents.changed')).toBe(0);
  });
});
