import type { LaunchPreviewDto } from '../../../../contract/contract';
import type { TrustRequest } from '../../stores/trust-gate';
import { Dialog } from './Dialog';

/** One word per argument as a shell would read it back: quoted when it holds anything but plain characters. */
function shellWord(word: string): string {
  return word !== '' && /^[A-Za-z0-9_@%+=:,./{}-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function commandLine(agent: Pick<LaunchPreviewDto, 'command' | 'args'>): string {
  return [agent.command, ...agent.args].map(shellWord).join(' ');
}

/**
 * "Trust this project?" (like VS Code's Workspace Trust): before the first launch in a project that
 * came with its own agents (or imported them from `.claude`), the user sees every command it would
 * run (command, args, the environment variables it sets, never their values), and in plain words
 * what its arguments let the agent do without asking, and decides. Nothing runs on Cancel.
 */
export function TrustDialog({ request, onAnswer }: { request: TrustRequest; onAnswer: (trust: boolean) => void }) {
  const { info, agent } = request;
  const asked = info.agents.find((a) => a.slug === agent);
  return (
    <Dialog title="Trust this project?" onClose={() => onAnswer(false)} className="dialog-wide">
      <p>
        <strong>{info.root}</strong> holds agents you have not run yet (they came with it, or were imported from its .claude folder). Launching {asked ? `“${asked.name}”` : 'an agent'} runs the command its persona file names, with your
        permissions. Trust the project only if you trust where it came from. These are the commands its agents run:
      </p>
      <ul className="orphans" aria-label="Commands this project runs">
        {info.agents.map((a) => (
          <li key={a.slug} style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <strong>{a.name}</strong>
            {a.error ? (
              <span className="muted">cannot run: {a.error}</span>
            ) : (
              <>
                <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{commandLine(a)}</code>
                {a.grants && a.grants.length > 0 && (
                  <ul aria-label={`What ${a.name} may do without asking`} style={{ margin: '4px 0', paddingLeft: 18, color: 'var(--warning)' }}>
                    {a.grants.map((grant) => (
                      <li key={grant}>It {grant}</li>
                    ))}
                  </ul>
                )}
                {a.agentTools ? (
                  <span role="note" aria-label={`Tessera's agent tools for ${a.name}`}>
                    {"Tessera's agent tools (MCP): "}
                    <code style={{ wordBreak: 'break-all' }}>{a.agentTools.args.map(shellWord).join(' ')}</code>
                    {', a configuration of this launch only that runs '}
                    <code style={{ wordBreak: 'break-all' }}>{commandLine(a.agentTools.server)}</code>
                    {' (list, read, wait for the project’s agents; message or launch them only as your agent-messaging setting allows)'}
                  </span>
                ) : null}
                <span className="muted">{a.envKeys.length > 0 ? `sets ${a.envKeys.join(', ')}` : 'sets no environment variables'}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {info.worktreeSetup ? (
        <p>
          Each new worktree of a worktree agent first runs the project&apos;s set-up command:{' '}
          <code aria-label="Worktree set-up command" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {info.worktreeSetup}
          </code>
        </p>
      ) : null}
      {info.settingsError ? <p className="field-error">{`.tessera/settings.json cannot be read (${info.settingsError}); nothing it names runs.`}</p> : null}
      <p className="muted">Tessera remembers your answer for this folder, in your own settings, not in the project.</p>
      <div className="dialog-buttons">
        <button type="button" className="button" data-autofocus onClick={() => onAnswer(false)}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={() => onAnswer(true)}>
          Trust and launch
        </button>
      </div>
    </Dialog>
  );
}
