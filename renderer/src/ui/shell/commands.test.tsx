import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithStores } from '../../testing/render';
import { openProject } from '../../testing/world';
import type { AppActions } from './AppActions';
import type { Command } from './CommandPalette';
import { matchesQuery } from './CommandPalette';
import { useCommands } from './commands';

const noActions: AppActions = { openTranscript: () => undefined, openSendToAgents: () => undefined, openNotificationSettings: () => undefined, openChanges: () => undefined };

describe('the command palette’s commands', () => {
  it('offer importing agents and skills from .claude under "import", and say what came in', async () => {
    const { api, stores } = await openProject();
    api.answer('agents.import', { agents: ['reviewer'], skills: [], skipped: [] });
    let commands: Command[] = [];
    function Probe() {
      commands = useCommands(() => undefined, noActions);
      return null;
    }
    renderWithStores(<Probe />, { api, stores });
    const found = commands.filter((c) => matchesQuery(c.label, 'import'));
    expect(found.map((c) => c.label)).toEqual(['Import agents and skills from .claude']);
    found[0]!.run();
    await waitFor(() => expect(stores.notifications.getState().toasts).toMatchObject([{ title: 'Imported 1 agent from .claude', body: 'reviewer.' }]));
  });
});
