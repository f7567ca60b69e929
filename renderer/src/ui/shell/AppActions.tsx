import { createContext, useContext } from 'react';

/** What any part of the workbench can ask the app shell to show (the dialogs live in App). */
export interface AppActions {
  openTranscript(agent: string): void;
  openSendToAgents(preselect?: string[]): void;
  openNotificationSettings(): void;
  /** The agent's Changes view: its files, diffs, comments back, undo and landing. */
  openChanges(agent: string): void;
}

const noop: AppActions = { openTranscript: () => undefined, openSendToAgents: () => undefined, openNotificationSettings: () => undefined, openChanges: () => undefined };

export const AppActionsContext = createContext<AppActions>(noop);

export const useAppActions = (): AppActions => useContext(AppActionsContext);
