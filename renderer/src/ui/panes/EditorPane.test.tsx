import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject } from '../../testing/world';
import { EditorPane } from './EditorPane';

const file = { kind: 'agent', slug: 'reviewer' } as const;
const onDisk = 'You review code.\n';

async function editorWithDraft(draft: string | undefined) {
  const { api, stores } = await openProject({
    agents: [agentDto('reviewer')],
    layout: { version: 1, root: { type: 'pane', id: 'e1', content: { kind: 'editor', file } } },
  });
  api.answer('agents.get', { ...agentDto('reviewer'), args: [], env: {}, persona: 'You review code.', source: onDisk, revision: 'r1' });
  if (draft !== undefined) stores.drafts.keep('/work/demo', file, draft);
  const rendered = renderWithStores(<EditorPane paneId="e1" file={file} style={{}} hidden={false} />, { api, stores });
  const region = screen.getByRole('region', { name: 'Editor: reviewer.md' });
  await waitFor(() => expect(region.querySelector('.cm-content')?.textContent).toContain('You review code.'));
  return { ...rendered, api, stores, region };
}

describe('Editor pane drafts', () => {
  it('offers the draft kept for its file, and restoring it shows the text unsaved without writing the file', async () => {
    const { user, api, stores, region } = await editorWithDraft('You review code, twice.\n');
    await user.click(await within(region).findByRole('button', { name: 'Restore draft' }));
    expect(region.querySelector('.cm-content')?.textContent).toContain('You review code, twice.');
    expect(within(region).getByLabelText('Unsaved changes')).toBeTruthy();
    expect(stores.layout.getState().dirty).toEqual({ e1: true });
    expect(api.callsOf('agents.update')).toHaveLength(0);
    expect(within(region).queryByRole('button', { name: 'Restore draft' })).toBeNull();
    expect(stores.drafts.find('/work/demo', file)).toBeUndefined();
  });

  it('forgets a discarded draft and leaves the file as loaded', async () => {
    const { user, stores, region } = await editorWithDraft('You review code, twice.\n');
    await user.click(await within(region).findByRole('button', { name: 'Discard draft' }));
    expect(region.querySelector('.cm-content')?.textContent).not.toContain('twice');
    expect(within(region).queryByLabelText('Unsaved changes')).toBeNull();
    expect(stores.drafts.find('/work/demo', file)).toBeUndefined();
  });

  it('forgets without a word a draft that equals the file as loaded', async () => {
    const { stores, region } = await editorWithDraft(onDisk);
    await waitFor(() => expect(stores.drafts.find('/work/demo', file)).toBeUndefined());
    expect(within(region).queryByRole('button', { name: 'Restore draft' })).toBeNull();
  });

  it('lets the drafts read the text it holds while it is open', async () => {
    const { stores, unmount } = await editorWithDraft(undefined);
    expect(stores.drafts.textOf('e1')).toBe(onDisk);
    unmount();
    expect(stores.drafts.textOf('e1')).toBeUndefined();
  });
});
