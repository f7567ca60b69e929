import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TrustRequest } from '../../stores/trust-gate';
import { commandLine, TrustDialog } from './TrustDialog';

const request: TrustRequest = {
  agent: 'shipped',
  info: {
    root: '/work/cloned',
    trusted: false,
    relaunchOnOpen: false,
    agents: [
      { slug: 'shipped', name: 'Shipped', command: '/usr/bin/fake', args: ['--from-the-repo', 'rm -rf ~'], envKeys: ['SHIPPED_SECRET'] },
      { slug: 'broken', name: 'Broken', command: '', args: [], envKeys: [], error: 'no such profile' },
    ],
  },
};

function trustDialog() {
  const answers: boolean[] = [];
  const user = userEvent.setup({ delay: null });
  render(<TrustDialog request={request} onAnswer={(yes) => answers.push(yes)} />);
  return { user, answers, dialog: screen.getByRole('dialog', { name: 'Trust this project?' }) };
}

describe('Trust dialog', () => {
  it('shows every command the project would run, quoted as a shell reads it, with the variables it sets but not their values', () => {
    const { dialog } = trustDialog();
    const commands = within(dialog).getByRole('list', { name: 'Commands this project runs' });
    expect(commands.textContent).toContain(`/usr/bin/fake --from-the-repo 'rm -rf ~'`);
    expect(commands.textContent).toContain('sets SHIPPED_SECRET');
    expect(commands.textContent).toContain('Broken');
    expect(commands.textContent).toContain('cannot run: no such profile');
    expect(dialog.textContent).toContain('Launching “Shipped” runs the command');
  });

  it("shows the MCP arguments Tessera passes an agent and the server they run", () => {
    const args = ['--mcp-config', '/run/user/0/tessera/mcp/<session>.json'];
    render(
      <TrustDialog
        request={{ agent: 'lead', info: { ...request.info, agents: [{ slug: 'lead', name: 'Lead', command: 'claude', args, envKeys: [], agentTools: { args, server: { command: '/usr/bin/node', args: ['/opt/tessera/bin/tessera', 'mcp'] } } }] } }}
        onAnswer={() => undefined}
      />,
    );
    const tools = screen.getByRole('note', { name: "Tessera's agent tools for Lead" });
    expect(tools.textContent).toContain("--mcp-config '/run/user/0/tessera/mcp/<session>.json'");
    expect(tools.textContent).toContain('runs /usr/bin/node /opt/tessera/bin/tessera mcp');
  });

  it('starts on Cancel, so Enter alone never trusts, and answers no on Cancel or Escape', async () => {
    const { user, answers, dialog } = trustDialog();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    expect(answers).toEqual([false, false]);
  });

  it('answers yes on Trust and launch', async () => {
    const { user, answers, dialog } = trustDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Trust and launch' }));
    expect(answers).toEqual([true]);
  });

  it('quotes an argument only when a shell would need it', () => {
    expect(commandLine({ command: 'claude', args: ['--add-dir', '/work/p', "it's", ''] })).toBe(`claude --add-dir /work/p 'it'\\''s' ''`);
  });
});
