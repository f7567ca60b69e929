import type { StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../contract/api';
import { editorDisplayName, listed } from '../layout/editor-names';
import { findPane } from '../layout/layout-tree';
import { createAgentLauncher, type AgentLauncher, type PaneSizer } from './agent-launcher';
import { createAgentsStore, type AgentsState } from './agents-store';
import { createDrafts, type Drafts } from './drafts';
import { createLayoutStore, type LayoutState, type LayoutStoreOptions } from './layout-store';
import { createNotificationsStore, type NotificationsState } from './notifications-store';
import { createProjectStore, type ProjectState } from './project-store';
import { createSessionsStore, type SessionsState } from './sessions-store';
import { createSkillsStore, type SkillsState } from './skills-store';
import { createTrustPrompts, trustGate, type TrustPromptState } from './trust-gate';
import { createUsageStore, type UsageState } from './usage-store';
import { createUsageSettingsStore, type UsageSettingsState } from './usage-settings-store';

export interface AppStores {
  api: TesseraApi;
  project: StoreApi<ProjectState>;
  agents: StoreApi<AgentsState>;
  skills: StoreApi<SkillsState>;
  sessions: StoreApi<SessionsState>;
  layout: StoreApi<LayoutState>;
  /** What each running agent of the project uses (CPU, memory), pushed every few seconds. */
  usage: StoreApi<UsageState>;
  /** The user's context warning and prices per model; kept across projects. */
  usageSettings: StoreApi<UsageSettingsState>;
  /** Notification settings, attention badges and toasts; kept across projects. */
  notifications: StoreApi<NotificationsState>;
  /** "Trust this project?": asked by the sessions store's launch gate, answered in the trust dialog. */
  trust: StoreApi<TrustPromptState>;
  /** Launches agents at the size of the pane they will show in; every launch of the UI goes through it. */
  launcher: AgentLauncher;
  /** Unsaved editor text kept when the project changes under it, offered again when that project and file are open. */
  drafts: Drafts;
  /** Fetches what the app shows: the current project and, when one is open, everything in it. */
  start(): Promise<void>;
  /**
   * After a dropped connection: refetch the lists, and save the local layout, which may hold changes
   * the host missed; if another window saved meanwhile, the save is refused and its layout is shown.
   */
  resync(): Promise<void>;
  dispose(): void;
}

export interface AppStoresOptions {
  /** Measures panes for launches; the page's measures the DOM, tests give a fixed size. */
  readonly sizer: PaneSizer;
  readonly layout?: LayoutStoreOptions;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Builds every store over one api and keeps them in step with the open project: when the project
 * changes (opened here, or pushed by project.changed) the per-project stores are cleared and refetched.
 * Every launch goes through the trust gate the sessions store is made with.
 */
export function createAppStores(api: TesseraApi, options: AppStoresOptions): AppStores {
  const project = createProjectStore(api);
  const agents = createAgentsStore(api);
  const skills = createSkillsStore(api);
  const trust = createTrustPrompts();
  const sessions = createSessionsStore(api, { launchGate: trustGate({ api, prompts: trust }) });
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const notifications = createNotificationsStore(storage);
  const onKept = (text: string) => notifications.getState().pushToast({ agent: '', kind: 'info', title: 'Unsaved changes kept', body: text });
  const layout = createLayoutStore(api, { ...(storage ? { storage } : {}), onKept, ...options.layout });
  const usage = createUsageStore(api);
  const usageSettings = createUsageSettingsStore(api);
  const launcher = createAgentLauncher({ sessions, layout, sizer: options.sizer });
  const drafts = createDrafts(storage);
  let loadedRoot: string | null = null;

  /**
   * Before the layout of the project at `root` is dropped: each editor with unsaved text keeps it as a
   * draft, whichever window or command switched the project, and the user is told where to find it.
   */
  const keepDrafts = (root: string) => {
    const { root: tree, dirty } = layout.getState();
    const kept: string[] = [];
    const lost: string[] = [];
    for (const paneId of Object.keys(dirty)) {
      const pane = findPane(tree, paneId);
      const text = drafts.textOf(paneId);
      if (pane?.content.kind !== 'editor' || text === undefined) continue;
      const name = editorDisplayName(pane.content.file);
      (drafts.keep(root, pane.content.file, text) ? kept : lost).push(name);
    }
    const project = root.split(/[\\/]/).filter(Boolean).at(-1) ?? root;
    if (kept.length > 0) {
      const body = `Unsaved changes to ${listed(kept)} kept as ${kept.length === 1 ? 'a draft' : 'drafts'}: reopen ${project} to restore them.`;
      notifications.getState().pushToast({ agent: '', kind: 'info', title: 'Unsaved changes kept', body });
    }
    if (lost.length > 0) {
      const body = `Unsaved changes to ${listed(lost)} could not be kept as a draft (too large, or the browser's storage is full).`;
      notifications.getState().pushToast({ agent: '', kind: 'info', title: 'Unsaved changes lost', body });
    }
  };

  const loadProject = async (root: string | null) => {
    if (root === loadedRoot) return;
    await layout.getState().flush();
    // Read after the await: the user may have typed meanwhile. Nothing here awaits until reset.
    if (loadedRoot !== null) keepDrafts(loadedRoot);
    loadedRoot = root;
    agents.getState().clear();
    skills.getState().clear();
    sessions.getState().clear();
    usage.getState().clear();
    layout.getState().reset();
    // Attention is per agent slug, and another project may reuse a slug.
    notifications.setState({ attention: {} });
    if (root === null) return;
    await Promise.all([
      agents.getState().refresh(),
      skills.getState().refresh(),
      sessions.getState().refresh(),
      project.getState().refreshProfiles(),
      project.getState().refreshTrust(),
      layout.getState().load(),
    ]);
  };

  const unsubscribe = project.subscribe((state, previous) => {
    const root = state.project?.root ?? null;
    if (root !== (previous.project?.root ?? null)) void loadProject(root);
  });

  return {
    api,
    project,
    agents,
    skills,
    sessions,
    layout,
    usage,
    usageSettings,
    notifications,
    trust,
    launcher,
    drafts,
    async start() {
      await Promise.all([project.getState().refresh(), project.getState().refreshRecent(), usageSettings.getState().refresh()]);
      await loadProject(project.getState().project?.root ?? null);
    },
    async resync() {
      await project.getState().refresh();
      const root = project.getState().project?.root ?? null;
      if (root !== loadedRoot) {
        await loadProject(root);
        return;
      }
      if (root === null) return;
      await Promise.all([agents.getState().refresh(), skills.getState().refresh(), sessions.getState().refresh()]);
      if (layout.getState().loaded) await layout.getState().saveNow();
    },
    dispose() {
      unsubscribe();
      // A launch waiting for the question gets its answer: nothing runs.
      trust.getState().answer(false);
      for (const store of [project, agents, skills, sessions, layout, usage, usageSettings]) store.getState().dispose();
    },
  };
}
