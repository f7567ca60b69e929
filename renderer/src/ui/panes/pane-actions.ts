import type { LayoutState } from '../../stores/layout-store';
import type { StoreApi } from 'zustand/vanilla';

/**
 * Closing a pane only closes the view (the agent keeps running); an editor with unsaved changes asks
 * first, so nothing is lost silently.
 */
export function requestClosePane(layout: StoreApi<LayoutState>, paneId?: string): void {
  const state = layout.getState();
  const id = paneId ?? state.focused;
  if (!id) return;
  if (state.dirty[id] && !window.confirm('This editor has unsaved changes. Close it and discard them?')) return;
  state.close(id);
}
