import type { StoreApi } from 'zustand/vanilla';
import type { Response, SessionDto } from '../../../contract/contract';
import type { LayoutState, PanePlacement } from './layout-store';
import { isLive, latestSession, type SessionsState, type TerminalSize } from './sessions-store';

/** Measures a terminal pane before it is drawn: the page's is terminal/pane-sizer.ts. */
export interface PaneSizer {
  /**
   * The cols x rows of the terminal pane `placement.paneId` shows in `placement.root`: the whole area
   * when it is the maximized pane, else its own tile (where a pane hidden behind a maximized one shows
   * once restored). Undefined when there is nothing to measure (no layout on screen).
   */
  terminalSize(placement: PanePlacement): TerminalSize | undefined;
}

/**
 * Every launch of the UI carries the size of the pane the agent will show in, so its CLI draws its
 * first screen once, at the right size, instead of at the host's default and again a moment later.
 */
export interface AgentLauncher {
  /**
   * Shows the agent's terminal pane. An agent that is not running is launched first, at the size of
   * the pane it will show in (measured from where the layout will put it), and its pane opens once
   * the launch succeeded: a refused launch opens nothing. A running agent's answer is its session.
   */
  show(agent: string): Promise<Response<SessionDto>>;
  /** Launches the agent into its open pane `paneId` at that pane's size: the pane's Relaunch, relaunch on open. */
  launchInto(agent: string, paneId: string): Promise<Response<SessionDto>>;
}

export function createAgentLauncher(deps: {
  readonly sessions: StoreApi<SessionsState>;
  readonly layout: StoreApi<LayoutState>;
  readonly sizer: PaneSizer;
}): AgentLauncher {
  const { sessions, layout, sizer } = deps;
  return {
    async show(agent) {
      const live = latestSession(sessions.getState(), agent);
      if (live && isLive(live)) {
        layout.getState().openTerminal(agent);
        return { ok: true, value: live };
      }
      const size = sizer.terminalSize(layout.getState().previewTerminal(agent));
      const response = await sessions.getState().launch(agent, size);
      if (response.ok) layout.getState().openTerminal(agent);
      return response;
    },
    launchInto(agent, paneId) {
      const { root, maximized } = layout.getState();
      return sessions.getState().launch(agent, sizer.terminalSize({ root, maximized, paneId }));
    },
  };
}
