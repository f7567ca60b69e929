import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { agentDto, openProject, sessionDto } from '../../testing/world';
import { TranscriptDialog } from './TranscriptDialog';

/** A shell session that ran `git log` through a pager, then printed two lines with "error" in them. */
const TRANSCRIPT =
  '$ git log\r\n\x1b[?1049h\x1b=' +
  Array.from({ length: 9 }, () => '~\r\n').join('') +
  'commit 1\x1b[H\x1b[2Jcommit 1\x1b[?1049l\x1b>' +
  '$ make\r\nerror: one\r\nbuilding 10%\rbuilding 100%\r\nError: two\r\n$ ';

async function transcriptDialog() {
  const { api, stores } = await openProject({ agents: [agentDto('reviewer')], sessions: [sessionDto('s1', 'reviewer', { cols: 60, rows: 12 })] });
  api.answer('sessions.transcript', { text: TRANSCRIPT });
  const rendered = renderWithStores(<TranscriptDialog agent="reviewer" onClose={() => undefined} />, { api, stores });
  const dialog = screen.getByRole('dialog', { name: 'Transcript: Reviewer' });
  return { ...rendered, dialog };
}

describe('Transcript dialog', () => {
  it('shows the transcript as the terminal showed it: no pager pages, tildes or raw escapes, progress as it ended', async () => {
    const { dialog } = await transcriptDialog();
    const pre = within(dialog).getByLabelText('Transcript of Reviewer');
    await within(dialog).findByText(/building 100%/);
    expect(pre.textContent).toBe('$ git log\n$ make\nerror: one\nbuilding 100%\nError: two\n$ ');
  });

  it('finds text, says which match of how many, and goes to the next one with Enter and back with Shift+Enter', async () => {
    const { user, dialog } = await transcriptDialog();
    await within(dialog).findByText(/building 100%/);
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find in transcript' }), 'error');
    const count = within(dialog).getByRole('status', { name: 'Matches' });
    expect(count.textContent).toBe('1 of 2');
    expect(dialog.querySelector('mark.current')?.textContent).toBe('error');
    await user.keyboard('{Enter}');
    expect(count.textContent).toBe('2 of 2');
    expect(dialog.querySelector('mark.current')?.textContent).toBe('Error');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(count.textContent).toBe('1 of 2');
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Find in transcript' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find in transcript' }), 'nowhere');
    expect(count.textContent).toBe('No match');
  });
});
