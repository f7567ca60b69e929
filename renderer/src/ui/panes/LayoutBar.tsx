import './layout-bar.css';
import { useMemo, useState } from 'react';
import { NEW_PANE_PLACEMENTS, type NewPanePlacement } from '../../layout/pane-placement';
import { relaunchStoppedPanes, stoppedPaneAgents } from '../../stores/relaunch-plan';
import { useAgents, useApp, useLayout, useProject, useSessions } from '../shell/StoresContext';
import { Icons } from '../widgets/icons';

/** What each new-pane placement is called where the user picks it (the bar's list and the palette). */
export const PLACEMENT_LABELS: Record<NewPanePlacement, string> = {
  grid: 'Even grid',
  column: 'New column',
  row: 'New row',
  replace: 'Replace focused',
};

/** A real pause between relaunches (tests of the plan pass their own). */
export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The strip above the panes: once agents with a pane open are not running (after a host restart,
 * say), one Relaunch all and the relaunch-on-open choice, said once for every pane; and always where
 * new panes go and a way to even the panes out. It is there with or without panes, one line high, so
 * the area a launch measures its pane in is the area the pane then gets.
 */
export function LayoutBar() {
  const app = useApp();
  const root = useLayout((s) => s.root);
  const newPanes = useLayout((s) => s.newPanes);
  const sessions = useSessions((s) => s.byId);
  const agents = useAgents((s) => s.byId);
  const relaunchOnOpen = useProject((s) => s.relaunchOnOpen);
  const [relaunching, setRelaunching] = useState(false);
  // The stores are read through `app`; the selections above re-run this when any of them changes.
  const stopped = useMemo(() => stoppedPaneAgents(app), [app, root, sessions, agents]);

  const relaunchAll = async () => {
    setRelaunching(true);
    try {
      await relaunchStoppedPanes(app, { wait });
    } finally {
      setRelaunching(false);
    }
  };

  return (
    <div className="layout-bar" role="toolbar" aria-label="Layout">
      {stopped.length > 0 ? (
        <div className="relaunch-all" role="group" aria-label="Agents not running">
          <span>{stopped.length === 1 ? '1 agent not running' : `${stopped.length} agents not running`}</span>
          <button type="button" className="button primary small" onClick={() => void relaunchAll()} disabled={relaunching}>
            <Icons.play />
            Relaunch all
          </button>
          <label className="checkbox" title="Relaunch agents automatically whenever this project opens">
            <input
              type="checkbox"
              aria-label="Relaunch agents automatically on open"
              checked={relaunchOnOpen}
              onChange={(e) => void app.project.getState().setRelaunchOnOpen(e.target.checked)}
            />
            Relaunch on open
          </label>
        </div>
      ) : null}
      <span className="layout-bar-spacer" />
      <label className="layout-bar-field">
        New panes
        <select value={newPanes} aria-label="Where new panes open" onChange={(e) => app.layout.getState().setNewPanes(e.target.value as NewPanePlacement)}>
          {NEW_PANE_PLACEMENTS.map((placement) => (
            <option key={placement} value={placement}>
              {PLACEMENT_LABELS[placement]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button small" aria-label="Even out panes" onClick={() => app.layout.getState().evenOut()} title="Re-tile every pane into an even grid">
        Even out
      </button>
    </div>
  );
}
