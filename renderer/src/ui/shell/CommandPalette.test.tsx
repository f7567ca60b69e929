import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CommandPalette, matchesQuery, type Command } from './CommandPalette';

function palette() {
  const ran: string[] = [];
  let closed = 0;
  const commands: Command[] = ['Launch Reviewer', 'Launch Builder', 'Split right'].map((label) => ({ id: label, label, run: () => void ran.push(label) }));
  render(<CommandPalette commands={commands} onClose={() => closed++} />);
  return { user: userEvent.setup({ delay: null }), ran, closed: () => closed };
}

const shown = () => screen.getAllByRole('option').map((option) => option.textContent);

describe('Command palette', () => {
  it('filters as the user types and runs the highlighted command on Enter, after closing', async () => {
    const { user, ran, closed } = palette();
    const input = screen.getByRole('combobox', { name: 'Type a command' });
    expect(document.activeElement).toBe(input);
    await user.type(input, 'launch');
    expect(shown()).toEqual(['Launch Reviewer', 'Launch Builder']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(closed()).toBe(1);
    await waitFor(() => expect(ran).toEqual(['Launch Builder']));
  });

  it('runs a command on click, and says when nothing matches', async () => {
    const { user, ran } = palette();
    await user.click(screen.getByRole('option', { name: 'Split right' }));
    await waitFor(() => expect(ran).toEqual(['Split right']));
    await user.type(screen.getByRole('combobox', { name: 'Type a command' }), 'zzz');
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(screen.getByRole('listbox', { name: 'Commands' }).textContent).toContain('No command matches “zzz”');
  });

  it('matches every typed word anywhere in the label, ignoring case', () => {
    expect(matchesQuery('Launch Reviewer', 'rev launch')).toBe(true);
    expect(matchesQuery('Launch Reviewer', 'LAUNCH')).toBe(true);
    expect(matchesQuery('Launch Reviewer', 'launch builder')).toBe(false);
    expect(matchesQuery('Split right', '')).toBe(true);
  });
});
