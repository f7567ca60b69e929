import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentsState } from '../../stores/agents-store';
import type { AppStores } from '../../stores/app-stores';
import type { LayoutState } from '../../stores/layout-store';
import type { NotificationsState } from '../../stores/notifications-store';
import type { ProjectState } from '../../stores/project-store';
import type { SessionsState } from '../../stores/sessions-store';
import type { SkillsState } from '../../stores/skills-store';
import type { ThemeState } from '../../theme';
import type { UsageState } from '../../stores/usage-store';
import type { UsageSettingsState } from '../../stores/usage-settings-store';

interface Context {
  stores: AppStores;
  theme: StoreApi<ThemeState>;
}

const StoresContext = createContext<Context | null>(null);

export function StoresProvider({ stores, theme, children }: Context & { children: ReactNode }) {
  return <StoresContext.Provider value={{ stores, theme }}>{children}</StoresContext.Provider>;
}

function useCtx(): Context {
  const ctx = useContext(StoresContext);
  if (!ctx) throw new Error('StoresProvider is missing above this component');
  return ctx;
}

export const useApp = (): AppStores => useCtx().stores;
export const useApi = () => useCtx().stores.api;
export const useProject = <T,>(selector: (s: ProjectState) => T): T => useStore(useCtx().stores.project, selector);
export const useAgents = <T,>(selector: (s: AgentsState) => T): T => useStore(useCtx().stores.agents, selector);
export const useSkills = <T,>(selector: (s: SkillsState) => T): T => useStore(useCtx().stores.skills, selector);
export const useSessions = <T,>(selector: (s: SessionsState) => T): T => useStore(useCtx().stores.sessions, selector);
export const useUsage = <T,>(selector: (s: UsageState) => T): T => useStore(useCtx().stores.usage, selector);
export const useUsageSettings = <T,>(selector: (s: UsageSettingsState) => T): T => useStore(useCtx().stores.usageSettings, selector);
export const useLayout = <T,>(selector: (s: LayoutState) => T): T => useStore(useCtx().stores.layout, selector);
export const useNotifications = <T,>(selector: (s: NotificationsState) => T): T => useStore(useCtx().stores.notifications, selector);
export const useTheme = <T,>(selector: (s: ThemeState) => T): T => useStore(useCtx().theme, selector);
export const useThemeStore = (): StoreApi<ThemeState> => useCtx().theme;
