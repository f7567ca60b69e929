import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { AgentIcons } from '../widgets/agent-icons';
import { useApp, useAgents, useSessions } from '../shell/StoresContext';
import { latestSession } from '../../stores/sessions-store';
import { findInTranscript, replayTranscript, type ReplaySize, type TranscriptMatch } from './transcript-replay';

/** The size a transcript is replayed at when the agent has no session to take it from. */
const DEFAULT_REPLAY_SIZE: ReplaySize = { cols: 120, rows: 40 };

/**
 * An agent's transcript (`.tessera/logs/<slug>.log`) as its terminal showed it, newest at the
 * bottom, with search: Enter goes to the next match, Shift+Enter to the previous one.
 */
export function TranscriptDialog({ agent, onClose }: { agent: string; onClose: () => void }) {
  const app = useApp();
  const name = useAgents((s) => s.byId[agent]?.name) ?? agent;
  const session = useSessions((s) => latestSession(s, agent));
  // Read when the transcript loads: a resize meanwhile does not replay it again.
  const sizeRef = useRef<ReplaySize>(DEFAULT_REPLAY_SIZE);
  sizeRef.current = session ? { cols: session.cols, rows: session.rows } : DEFAULT_REPLAY_SIZE;
  const [lines, setLines] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const preRef = useRef<HTMLPreElement>(null);

  const load = useCallback(async () => {
    const response = await app.sessions.getState().transcript(agent);
    if (!response.ok) {
      setError(response.error.message);
      return;
    }
    setError(undefined);
    setLines(await replayTranscript(response.value.text, sizeRef.current));
  }, [app, agent]);

  useEffect(() => {
    void load();
  }, [load]);

  const matches = useMemo(() => findInTranscript(lines ?? [], query), [lines, query]);
  const at = matches.length === 0 ? -1 : Math.min(current, matches.length - 1);

  useEffect(() => {
    const pre = preRef.current;
    if (!pre) return;
    const mark = pre.querySelector('mark.current');
    if (mark) mark.scrollIntoView?.({ block: 'center' });
    else if (query === '') pre.scrollTop = pre.scrollHeight;
  }, [lines, query, at]);

  const step = (by: number) => {
    if (matches.length === 0) return;
    setCurrent((at + by + matches.length) % matches.length);
  };

  return (
    <Dialog title={`Transcript: ${name}`} onClose={onClose} className="dialog-wide transcript-dialog">
      <p className="muted transcript-path">
        .tessera/logs/{agent}.log <span className="transcript-note">(newest output, up to 1 MB, as the terminal showed it; older output is in the rotated .1 and .2 logs)</span>
      </p>
      <div className="transcript-search">
        <input
          type="search"
          aria-label="Find in transcript"
          placeholder="Find in transcript"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCurrent(0);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          }}
        />
        <span className="muted" role="status" aria-label="Matches">
          {query === '' ? '' : matches.length === 0 ? 'No match' : `${at + 1} of ${matches.length}`}
        </span>
        <button type="button" className="button" onClick={() => step(-1)} disabled={matches.length === 0} aria-label="Previous match">
          ↑
        </button>
        <button type="button" className="button" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">
          ↓
        </button>
      </div>
      {error ? <p className="field-error">{error}</p> : null}
      <pre ref={preRef} className="transcript" tabIndex={0} aria-label={`Transcript of ${name}`}>
        {lines === undefined ? 'Loading…' : lines.length === 0 ? 'Nothing recorded yet.' : highlighted(lines, matches, at)}
      </pre>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={() => void load()}>
          <AgentIcons.refresh />
          Refresh
        </button>
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** The lines as one text with each match marked; the match at `current` is marked as the current one. */
function highlighted(lines: readonly string[], matches: readonly TranscriptMatch[], current: number): ReactNode[] {
  const out: ReactNode[] = [];
  let text = '';
  let next = 0;
  lines.forEach((line, index) => {
    let from = 0;
    for (; next < matches.length && matches[next]!.line === index; next++) {
      const match = matches[next]!;
      text += line.slice(from, match.start);
      out.push(text);
      text = '';
      out.push(
        <mark key={next} className={next === current ? 'current' : undefined}>
          {line.slice(match.start, match.end)}
        </mark>,
      );
      from = match.end;
    }
    text += line.slice(from) + (index < lines.length - 1 ? '\n' : '');
  });
  out.push(text);
  return out;
}
