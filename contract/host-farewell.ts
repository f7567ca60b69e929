/**
 * Why the host closed a page's connection on purpose, carried as the WebSocket close code so the
 * page can say what happened instead of guessing:
 * - `stopped`: the host stopped, and every agent it ran stopped with it; it comes back at the same
 *   address when it is started again (the port and the credential are remembered).
 * - `restarting`: the host is restarting; the agents that can resume are relaunched by the next one.
 * - `moved`: the host now serves at another address (another port or a new credential), so this
 *   address will not come back.
 */
export type HostFarewell = 'stopped' | 'restarting' | 'moved';

/** In the 4000–4999 range WebSocket leaves to applications. */
export const HOST_FAREWELL_CLOSE_CODES: Readonly<Record<HostFarewell, number>> = { stopped: 4001, restarting: 4002, moved: 4003 };

export function hostFarewellOf(closeCode: number | undefined): HostFarewell | undefined {
  for (const [farewell, code] of Object.entries(HOST_FAREWELL_CLOSE_CODES)) if (code === closeCode) return farewell as HostFarewell;
  return undefined;
}
