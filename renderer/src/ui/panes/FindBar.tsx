import { useEffect, useRef, useState } from 'react';
import type { TerminalSearch } from '../../terminal/terminal-controller';
import { cssVar } from '../../theme';
import { IconButton } from '../widgets/IconButton';
import { Icons } from '../widgets/icons';

/** Find in a terminal's screen and scrollback: Enter finds the next match, Shift+Enter the previous, Escape closes. */
export function FindBar({ search, onClose }: { search: TerminalSearch; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const decorations = {
    matchBackground: cssVar('--find-match', '#623315'),
    activeMatchBackground: cssVar('--find-active', '#a0561c'),
    matchOverviewRuler: cssVar('--find-active', '#a0561c'),
    activeMatchColorOverviewRuler: cssVar('--accent', '#3794ff'),
  };
  const find = (forward: boolean, text = query) => {
    if (!text) {
      setFound(undefined);
      search.clearDecorations();
      return;
    }
    const options = { decorations, incremental: forward };
    setFound(forward ? search.findNext(text, options) : search.findPrevious(text, options));
  };
  return (
    <div className="find-bar" role="search">
      <input
        ref={inputRef}
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        className={found === false ? 'not-found' : ''}
        onChange={(e) => {
          setQuery(e.target.value);
          find(true, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(!e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <IconButton label="Previous match" title="Previous match (Shift+Enter)" onClick={() => find(false)}>
        <Icons.up />
      </IconButton>
      <IconButton label="Next match" title="Next match (Enter)" onClick={() => find(true)}>
        <Icons.down />
      </IconButton>
      <IconButton label="Close find" title="Close find (Escape)" onClick={onClose}>
        <Icons.close />
      </IconButton>
    </div>
  );
}
