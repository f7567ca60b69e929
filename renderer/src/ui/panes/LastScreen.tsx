import { useEffect, useRef, useState } from 'react';
import { lastRunOf, replayTranscript, type ReplaySize } from '../dialogs/transcript-replay';
import { useApp } from '../shell/StoresContext';

/** The size a run is replayed at when its transcript header does not say (a log from an older host). */
const DEFAULT_SIZE: ReplaySize = { cols: 120, rows: 40 };

/**
 * What an agent that is no longer running last showed: the newest run of its transcript replayed
 * through a headless terminal at the size it ran at, read-only, scrolled to its last screen. `run`
 * changes when a session ends or starts, and the screen is read again.
 */
export function LastScreen({ agent, name, run }: { agent: string; name: string; run: string | undefined }) {
  const app = useApp();
  const [lines, setLines] = useState<string[]>();
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const response = await app.sessions.getState().transcript(agent);
      if (!response.ok) {
        if (current) setLines([]);
        return;
      }
      const last = lastRunOf(response.value.text);
      const replayed = await replayTranscript(last.text, last.size ?? DEFAULT_SIZE);
      if (current) setLines(replayed);
    })();
    return () => {
      current = false;
    };
  }, [app, agent, run]);

  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines]);

  if (lines === undefined || lines.length === 0) return <div className="last-screen" aria-hidden />;
  return (
    <pre ref={pre} className="last-screen" tabIndex={0} aria-label={`Last screen of ${name}`}>
      {lines.join('\n')}
    </pre>
  );
}
