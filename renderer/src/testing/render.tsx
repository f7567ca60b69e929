import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createAppStores, type AppStores } from '../stores/app-stores';
import { createThemeStore } from '../theme';
import { AppActionsContext, type AppActions } from '../ui/shell/AppActions';
import { StoresProvider } from '../ui/shell/StoresContext';
import { FakeApi } from './fake-api';
import { FIXED_SIZER, memoryStorage } from './world';

/** What the app shell would open, recorded: components ask it for dialogs and transcripts. */
export function recordedActions(): AppActions & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    openTranscript: (agent) => void asked.push(`transcript ${agent}`),
    openSendToAgents: (preselect) => void asked.push(`send ${preselect?.join(',') ?? 'all'}`),
    openNotificationSettings: () => void asked.push('notifications'),
    openChanges: (agent) => void asked.push(`changes ${agent}`),
  };
}

export interface Rendered extends RenderResult {
  readonly user: UserEvent;
  readonly api: FakeApi;
  readonly stores: AppStores;
  readonly actions: ReturnType<typeof recordedActions>;
}

/**
 * Renders `ui` inside the app's providers over stores made on a FakeApi: a test answers the api
 * methods it needs, fills the stores as the host would, and drives the UI with `user`.
 */
export function renderWithStores(ui: ReactElement, options: { api?: FakeApi; stores?: AppStores } = {}): Rendered {
  const api = options.api ?? new FakeApi();
  const actions = recordedActions();
  const stores = options.stores ?? createAppStores(api, { sizer: FIXED_SIZER, storage: memoryStorage() });
  const theme = createThemeStore(memoryStorage(), undefined);
  // Keys follow each other at once: a test waits for outcomes, never for time.
  const user = userEvent.setup({ delay: null });
  const result = render(
    <StoresProvider stores={stores} theme={theme}>
      <AppActionsContext.Provider value={actions}>{ui}</AppActionsContext.Provider>
    </StoresProvider>,
  );
  return { ...result, user, api, stores, actions };
}
