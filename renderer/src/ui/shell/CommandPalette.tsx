import { useMemo, useRef, useState } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { SHORTCUTS, type ShortcutId } from './shortcuts';

export interface Command {
  id: string;
  label: string;
  shortcut?: ShortcutId;
  run: () => void;
}

/** Case-insensitive match of every word of the query, in any order ("launch rev" finds "Launch Reviewer"). */
export function matchesQuery(label: string, query: string): boolean {
  const text = label.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

const SHORTCUT_LIST: ShortcutId[] = ['palette', 'splitRight', 'splitDown', 'closePane', 'focusNext', 'focusPrevious', 'maximize', 'nextNeedsInput', 'approve', 'deny', 'find', 'save'];

export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => commands.filter((c) => matchesQuery(c.label, query)), [commands, query]);
  const index = Math.min(active, Math.max(0, shown.length - 1));

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    // After the dialog has returned focus, so a command that moves focus wins.
    setTimeout(command.run, 0);
  };

  const move = (delta: number) => {
    if (shown.length === 0) return;
    const next = (index + delta + shown.length) % shown.length;
    setActive(next);
    listRef.current?.querySelectorAll('[role="option"]')[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Dialog title="Command palette" onClose={onClose} className="palette">
      <input
        className="palette-input"
        data-autofocus
        role="combobox"
        aria-label="Type a command"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[index] ? `cmd-${shown[index]!.id}` : undefined}
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            move(1);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            move(-1);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(shown[index]);
          }
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list" ref={listRef}>
        {shown.length === 0 ? <li className="palette-empty">No command matches “{query}”</li> : null}
        {shown.map((command, i) => (
          <li
            key={command.id}
            id={`cmd-${command.id}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'active' : ''}
            onMouseMove={() => i !== index && setActive(i)}
            onClick={() => run(command)}
          >
            <span>{command.label}</span>
            {command.shortcut ? <kbd>{SHORTCUTS[command.shortcut].label}</kbd> : null}
          </li>
        ))}
      </ul>
      <section className="shortcuts" aria-labelledby="shortcuts-heading">
        <h3 id="shortcuts-heading">Keyboard shortcuts</h3>
        <dl>
          {SHORTCUT_LIST.map((id) => (
            <div key={id}>
              <dt>
                <kbd>{SHORTCUTS[id].label}</kbd>
              </dt>
              <dd>{SHORTCUTS[id].description}</dd>
            </div>
          ))}
          <div>
            <dt>
              <kbd>← → ↑ ↓</kbd>
            </dt>
            <dd>On a divider: resize panes</dd>
          </div>
        </dl>
      </section>
    </Dialog>
  );
}
