import { useCallback, useEffect, useRef, useState } from 'react';
import { Dialog } from './Dialog';
import { AgentIcons } from '../widgets/agent-icons';
import { useApp, useAgents } from '../shell/StoresContext';
import { plainTranscript } from './transcript-text';

/** An agent's transcript (`.tessera/logs/<slug>.log`): its newest output as text, newest at the bottom. */
export function TranscriptDialog({ agent, onClose }: { agent: string; onClose: () => void }) {
  const app = useApp();
  const name = useAgents((s) => s.byId[agent]?.name) ?? agent;
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const preRef = useRef<HTMLPreElement>(null);

  const load = useCallback(async () => {
    const response = await app.sessions.getState().transcript(agent);
    if (!response.ok) {
      setError(response.error.message);
      return;
    }
    setError(undefined);
    setText(plainTranscript(response.value.text));
  }, [app, agent]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const pre = preRef.current;
    if (pre) pre.scrollTop = pre.scrollHeight;
  }, [text]);

  return (
    <Dialog title={`Transcript: ${name}`} onClose={onClose} className="dialog-wide transcript-dialog">
      <p className="muted transcript-path">
        .tessera/logs/{agent}.log <span className="transcript-note">(newest output, up to 1 MB; older output is in the rotated .1 and .2 logs)</span>
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      <pre ref={preRef} className="transcript" tabIndex={0} aria-label={`Transcript of ${name}`}>
        {text === undefined ? 'Loading…' : text.trim() === '' ? 'Nothing recorded yet.' : text}
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
