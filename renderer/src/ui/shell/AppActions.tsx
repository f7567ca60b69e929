import { createContext, useContext } from 'react';

/** What any part of the workbench can ask the app shell to show (the dialogs live in App). */
export interface AppActions {
  openTranscript(agent: string): void;
  openSendToAgents(preselect?: string[]): void;
  openNotificationSettings(): void;
}

const noop: AppActions = { openTranscript: () => undefined, openSendToAgents: () => undefined, openNotificationSettings: () => undefined };

export const AppActionsContext = createContext<AppActions>(noop);

export const useAppActions = (): AppActions => useContext(AppActionsContext);
