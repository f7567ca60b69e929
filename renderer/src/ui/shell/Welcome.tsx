import { IconButton } from '../widgets/IconButton';
import { Icons } from '../widgets/icons';
import { OpenProjectForm } from './OpenProjectForm';
import { useTheme } from './StoresContext';

/** What the app shows with no project open: the name, what it is for, and the way to open a folder. */
export function Welcome() {
  const theme = useTheme((s) => s.theme);
  const toggle = useTheme((s) => s.toggle);
  return (
    <main className="welcome">
      <div className="welcome-card">
        <div className="welcome-brand">
          <Logo />
          <div>
            <h1>Tessera</h1>
            <p className="muted">Run several AI coding agents side by side on one codebase.</p>
          </div>
        </div>
        <OpenProjectForm autoFocus />
      </div>
      <div className="welcome-corner">
        <IconButton label="Toggle theme" title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={toggle}>
          {theme === 'dark' ? <Icons.sun /> : <Icons.moon />}
        </IconButton>
      </div>
    </main>
  );
}

function Logo() {
  return (
    <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true" className="logo">
      <rect x="2" y="2" width="19" height="19" rx="4" className="logo-a" />
      <rect x="23" y="2" width="19" height="11" rx="4" className="logo-b" />
      <rect x="23" y="15" width="19" height="27" rx="4" className="logo-c" />
      <rect x="2" y="23" width="19" height="19" rx="4" className="logo-d" />
    </svg>
  );
}
