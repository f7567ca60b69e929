import { useState, type FormEvent } from 'react';
import { Icons } from '../widgets/icons';
import { useApi, useApp, useProject } from './StoresContext';

/**
 * Open a project by path (web and desktop), by the native picker (desktop), or from the recent
 * list. A bad path shows the server's message as an alert.
 */
export function OpenProjectForm({ onOpened, autoFocus = false }: { onOpened?: () => void; autoFocus?: boolean }) {
  const app = useApp();
  const api = useApi();
  const recent = useProject((s) => s.recent);
  const current = useProject((s) => s.project?.root);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const open = async (target: string) => {
    if (busy) return;
    const trimmed = target.trim();
    if (!trimmed) {
      setError('Type the path of a project folder.');
      return;
    }
    if (Object.keys(app.layout.getState().dirty).length > 0 && !window.confirm('Some editors have unsaved changes. Open another project? They are kept as drafts, offered again when you reopen this one.')) return;
    setBusy(true);
    setError(undefined);
    const response = await app.project.getState().open(trimmed);
    setBusy(false);
    if (!response.ok) {
      setError(response.error.message);
      return;
    }
    void app.project.getState().refreshRecent();
    onOpened?.();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(path);
  };

  const pick = async () => {
    const chosen = await api.pickFolder?.();
    if (chosen) {
      setPath(chosen);
      await open(chosen);
    }
  };

  const others = recent.filter((r) => r.root !== current).slice(0, 8);

  return (
    <div className="open-project">
      <form className="open-form" onSubmit={submit}>
        <label htmlFor="project-folder">Project folder</label>
        <div className="open-row">
          <input
            id="project-folder"
            value={path}
            autoFocus={autoFocus}
            placeholder="/home/you/code/my-project"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!!error}
            aria-describedby={error ? 'project-folder-error' : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" className="button primary" aria-disabled={busy}>
            Open
          </button>
          {api.pickFolder ? (
            <button type="button" className="button" onClick={() => void pick()} disabled={busy}>
              <Icons.folder />
              Choose folder…
            </button>
          ) : null}
        </div>
        {error ? (
          <p id="project-folder-error" role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </form>
      {others.length > 0 ? (
        <section className="recent" aria-labelledby="recent-heading">
          <h3 id="recent-heading">Recent projects</h3>
          <ul>
            {others.map((r) => (
              <li key={r.root}>
                <button type="button" className="recent-item" onClick={() => void open(r.root)} title={r.root} disabled={busy}>
                  <Icons.folder />
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path">{r.root}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
