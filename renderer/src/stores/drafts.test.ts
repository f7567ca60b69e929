import { describe, expect, it } from 'vitest';
import { createDrafts, MAX_DRAFT_CHARS, MAX_DRAFTS } from './drafts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const coder = { kind: 'agent', slug: 'claude-coder' } as const;

describe('drafts', () => {
  it('keeps a draft per project root and file, across a new page on the same storage', () => {
    const storage = memoryStorage();
    expect(createDrafts(storage).keep('/work/a', coder, 'typed in a')).toBe(true);
    const reloaded = createDrafts(storage);
    expect(reloaded.find('/work/a', coder)).toBe('typed in a');
    expect(reloaded.find('/work/b', coder)).toBeUndefined();
    expect(reloaded.find('/work/a', { kind: 'skill', name: 'claude-coder', scope: 'project' })).toBeUndefined();
  });

  it('replaces the draft of the same file, and forgets it once dropped', () => {
    const drafts = createDrafts(memoryStorage());
    drafts.keep('/work/a', coder, 'first');
    drafts.keep('/work/a', coder, 'second');
    expect(drafts.find('/work/a', coder)).toBe('second');
    drafts.drop('/work/a', coder);
    expect(drafts.find('/work/a', coder)).toBeUndefined();
  });

  it('keeps at most MAX_DRAFTS drafts, forgetting the oldest', () => {
    const drafts = createDrafts(memoryStorage());
    for (let i = 0; i <= MAX_DRAFTS; i++) drafts.keep('/work/a', { kind: 'agent', slug: `agent-${i}` }, `text ${i}`);
    expect(drafts.find('/work/a', { kind: 'agent', slug: 'agent-0' })).toBeUndefined();
    expect(drafts.find('/work/a', { kind: 'agent', slug: 'agent-1' })).toBe('text 1');
    expect(drafts.find('/work/a', { kind: 'agent', slug: `agent-${MAX_DRAFTS}` })).toBe(`text ${MAX_DRAFTS}`);
  });

  it('refuses a text longer than MAX_DRAFT_CHARS, and says so', () => {
    const drafts = createDrafts(memoryStorage());
    expect(drafts.keep('/work/a', coder, 'x'.repeat(MAX_DRAFT_CHARS + 1))).toBe(false);
    expect(drafts.find('/work/a', coder)).toBeUndefined();
  });

  it('says a draft was not kept when the storage refuses it', () => {
    const drafts = createDrafts({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(drafts.keep('/work/a', coder, 'typed')).toBe(false);
  });

  it('reads only well-formed drafts from storage another page may have written', () => {
    const storage = memoryStorage();
    storage.items.set('tessera.drafts', JSON.stringify([{ root: '/work/a', file: { kind: 'agent' }, text: 'x' }, 'junk', { root: '/work/a', file: coder, text: 'ok' }]));
    expect(createDrafts(storage).find('/work/a', coder)).toBe('ok');
    storage.items.set('tessera.drafts', '{not json');
    expect(createDrafts(storage).find('/work/a', coder)).toBeUndefined();
  });

  it('reads the text of an open editor until it is untracked', () => {
    const drafts = createDrafts(memoryStorage());
    const untrack = drafts.track('pane-1', () => 'live text');
    expect(drafts.textOf('pane-1')).toBe('live text');
    untrack();
    expect(drafts.textOf('pane-1')).toBeUndefined();
  });
});
