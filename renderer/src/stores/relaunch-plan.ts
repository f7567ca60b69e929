import type { LayoutNodeDto } from '../../../contract/contract';
import { findPaneWith, panesOf } from '../layout/layout-tree';
import type { AppStores } from './app-stores';
import { isLive, latestSession } from './sessions-store';

/**
 * Restoring a project with many agents: spawning 32 CLIs in one burst starves the
 * machine and the panes the user is looking at come up last. The agents are launched one after
 * another with a short gap, those whose panes are visible first (the maximized or focused pane
 * before the rest), so the screen fills in the order the user sees it.
 */
export function relaunchOrder(layout: { root: LayoutNodeDto | null; maximized?: string; focused?: string }): string[] {
  const panes = panesOf(layout.root);
  const rank = (id: string): number => {
    if (layout.maximized) return id === layout.maximized ? 0 : 2;
    return id === layout.focused ? 0 : 1;
  };
  const ordered = panes.map((pane, index) => ({ pane, index })).sort((a, b) => rank(a.pane.id) - rank(b.pane.id) || a.index - b.index);
  const agents: string[] = [];
  for (const { pane } of ordered) {
    if (pane.content.kind === 'terminal' && !agents.includes(pane.content.agent)) agents.push(pane.content.agent);
  }
  return agents;
}

export interface StaggerOptions {
  /** Pause between one launch's answer and the next launch. */
  readonly gapMs: number;
  readonly wait: (ms: number) => Promise<void>;
  /** Stops launching the rest (the project was closed meanwhile). */
  readonly cancelled?: () => boolean;
}

/** Runs the launches one at a time, in order, a gap apart; a failed one does not stop the others. */
export async function staggered<T>(items: readonly T[], launch: (item: T) => Promise<unknown>, options: StaggerOptions): Promise<void> {
  for (const [index, item] of items.entries()) {
    if (options.cancelled?.()) return;
    if (index > 0) await options.wait(options.gapMs);
    if (options.cancelled?.()) return;
    try {
      await launch(item);
    } catch {
      // One agent that cannot start must not keep the others down; its pane shows its own error.
    }
  }
}

export const RELAUNCH_GAP_MS = 60;

/**
 * Once a project is open and its layout is on screen: the agents whose panes were open are launched
 * again, each into its pane at that pane's size, if the user asked for it (a choice kept in user
 * config) and the project is trusted. Agents already running, gone or broken are left alone, and so
 * is an agent whose pane was closed meanwhile; opening another project stops the rest.
 */
export async function relaunchOpenPanes(stores: RelaunchStores, options: Pick<StaggerOptions, 'wait'>): Promise<void> {
  const info = await stores.project.getState().refreshTrust();
  if (!info?.relaunchOnOpen || !info.trusted) return;
  await relaunchStoppedPanes(stores, options);
}

type RelaunchStores = Pick<AppStores, 'project' | 'layout' | 'sessions' | 'agents' | 'launcher'>;

/** The agents with a pane open that are not running and could be (the agent exists and is not broken), in relaunch order. */
export function stoppedPaneAgents(stores: Pick<AppStores, 'layout' | 'sessions' | 'agents'>): string[] {
  const agents = stores.agents.getState();
  const sessions = stores.sessions.getState();
  return relaunchOrder(stores.layout.getState()).filter((slug) => {
    const agent = agents.byId[slug];
    return !!agent && !agent.error && !isLive(latestSession(sessions, slug));
  });
}

/**
 * Relaunch all: every agent `stoppedPaneAgents` names, each into its pane at that pane's size, one
 * after another (the launch gate asks about trust first where it must).
 */
export async function relaunchStoppedPanes(stores: RelaunchStores, options: Pick<StaggerOptions, 'wait'>): Promise<void> {
  const root = stores.project.getState().project?.root;
  if (!root) return;
  await staggered(
    stoppedPaneAgents(stores),
    async (slug) => {
      const pane = findPaneWith(stores.layout.getState().root, (c) => c.kind === 'terminal' && c.agent === slug);
      if (pane && !isLive(latestSession(stores.sessions.getState(), slug))) await stores.launcher.launchInto(slug, pane.id);
    },
    { gapMs: RELAUNCH_GAP_MS, wait: options.wait, cancelled: () => stores.project.getState().project?.root !== root },
  );
}
