import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { openProject, skillDto } from '../../testing/world';
import { NewSkillDialog } from './NewSkillDialog';

async function newSkillDialog() {
  const { api, stores } = await openProject();
  api.answer('skills.create', (input) => ({ ok: true, value: skillDto(input.name, { description: input.description }) }));
  const events: string[] = [];
  const rendered = renderWithStores(<NewSkillDialog onClose={() => events.push('closed')} onCreated={(name) => events.push(`created ${name}`)} />, { api, stores });
  return { ...rendered, dialog: screen.getByRole('dialog', { name: 'New skill' }), events };
}

describe('New skill dialog', () => {
  it('creates a project skill from its name, description and body, closes, and hands the new skill on to be opened', async () => {
    const { user, api, dialog, events } = await newSkillDialog();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'code-review');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'How we review.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Body' }), 'Read the diff twice.');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(api.callsOf('skills.create')).toEqual([{ name: 'code-review', description: 'How we review.', body: 'Read the diff twice.', scope: 'project' }]);
    await waitFor(() => expect(events).toEqual(['closed', 'created code-review']));
  });

  it('asks for a name and sends nothing without one', async () => {
    const { user, api, dialog, events } = await newSkillDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('Give the skill a name.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('skills.create')).toEqual([]);
    expect(events).toEqual([]);
  });

  it('puts a refused description under Description and keeps the body', async () => {
    const { user, api, dialog, events } = await newSkillDialog();
    api.fail('skills.create', 'skill-description-too-long', 'The description is too long.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'testing');
    await user.type(within(dialog).getByRole('textbox', { name: 'Body' }), 'Keep me.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await within(dialog).findByText('The description is too long.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Description' }).getAttribute('aria-invalid')).toBe('true');
    expect((within(dialog).getByRole('textbox', { name: 'Body' }) as HTMLTextAreaElement).value).toBe('Keep me.');
    expect(events).toEqual([]);
  });

  it('Cancel closes without creating anything', async () => {
    const { user, api, dialog, events } = await newSkillDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(events).toEqual(['closed']);
    expect(api.callsOf('skills.create')).toEqual([]);
  });
});
