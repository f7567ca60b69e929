import type { ConnectionProblem, ConnectionState } from '../../api/websocket-api';

/**
 * What the page says about its server when something is wrong, and what to do. It never claims the
 * agents keep running: agents live in the server, so a page that cannot reach it cannot know.
 */
export function ConnectionBanner({ state, problem, acknowledge }: { state: ConnectionState; problem?: ConnectionProblem; acknowledge(): void }) {
  const message = bannerText(state, problem);
  if (!message) return null;
  return (
    <div className="connection-banner" role="status">
      <span>{message}</span>
      {problem?.kind === 'version-changed' ? (
        <button type="button" className="connection-banner-action" onClick={() => location.reload()}>
          Reload
        </button>
      ) : null}
      {problem?.kind === 'restarted' ? (
        <button type="button" className="connection-banner-action" onClick={acknowledge}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

export function bannerText(state: ConnectionState, problem: ConnectionProblem | undefined): string | undefined {
  switch (problem?.kind) {
    case 'unreachable':
      return (
        'The Tessera server is not answering at this address. Agents run inside it: if it stopped, they stopped with it. ' +
        'Retrying here; `tessera web` starts it again at this same address.'
      );
    case 'not-tessera':
      return 'Another program answers at this address, not the Tessera server. Retrying here; `tessera web` starts the server and prints its address.';
    case 'token-refused':
      return 'The Tessera server no longer accepts this page (its token was changed with `tessera web --new-token`). Open the address `tessera web` prints; this page stops retrying.';
    case 'version-changed':
      return `The Tessera server now runs version ${problem.now}; this page was made for ${problem.was}. Reload the page to go on.`;
    case 'restarted':
      return 'The Tessera server restarted: the agents that ran in the old one stopped with it (those whose profile declares a resume were relaunched by `tessera server restart`).';
    case undefined:
      if (state === 'reconnecting') return 'The connection to the Tessera server dropped; reconnecting…';
      if (state === 'closed') return 'Not connected to the Tessera server: open the address `tessera web` prints.';
      return undefined;
  }
}
