import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalAttachment } from '../../../contract/api';
import { FLOOD_REPAINT_MS, HIDDEN_DETACH_MS, PAINT_FLOOD_BYTES, PAINT_FLOOD_WINDOW_MS } from '../../../contract/flow';
import { isLive, latestSession } from '../stores/sessions-store';
import { cssVar } from '../theme';
import { Icons } from './widgets/icons';
import { IconButton } from './widgets/IconButton';
import { PaneFrame } from './panes/PaneFrame';
import { appShortcutOf, SHORTCUTS } from './shell/shortcuts';
import { StatusBadge } from './widgets/StatusBadge';
import { useAgents, useApi, useApp, useProject, useSessions, useThemeStore } from './shell/StoresContext';
import { benchProbe, type BenchProbe } from './bench-probe';
import { createFeedGate } from './feed-gate';
import { feedScheduler, type FeedQueue } from './feed-scheduler';
import { createResizeDebouncer } from './resize-debounce';
import { leaseWebgl, xtermTheme } from './terminal-setup';
import { terminalOptions } from '../terminal/terminal-options';
import { coalesceScrollbarSync, throttleRepaints } from './xterm-tuning';

/** Column changes reflow the scrollback and make the agent redraw: wait until the size settles. */
const COLUMN_RESIZE_DEBOUNCE_MS = 100;
/** The pane's box settles for this long before the terminal is fitted to it (a drag sends many resizes). */
const FIT_SETTLE_MS = 30;

type ExitInfo = { code?: number; reason?: string };

/** RIS: xterm resets the terminal as term.reset() does, in order with the output around it. */
const FULL_RESET = '\x1bc';
/** Soft reset (attributes, modes), cursor home, erase the screen and the scrollback: a blank screen for a screen-only snapshot. */
const CLEAR_FOR_SCREEN = '\x1b[!p\x1b[H\x1b[2J\x1b[3J';

/**
 * An agent's terminal (DESIGN §5, §7). The pane follows the agent's newest session: attached while
 * it lives, still showing its last screen after it exits, a one-click relaunch when there is none.
 * Closing the pane only closes the view; the agent keeps running.
 */
export function TerminalPane({ paneId, agent, style, hidden }: { paneId: string; agent: string; style: CSSProperties; hidden: boolean }) {
  const app = useApp();
  const agentDto = useAgents((s) => s.byId[agent]);
  const agentsLoaded = useAgents((s) => s.loaded);
  const session = useSessions((s) => latestSession(s, agent));
  const relaunchOnOpen = useProject((s) => s.relaunchOnOpen);
  const [attachedId, setAttachedId] = useState<string>();
  const [exits, setExits] = useState<Record<string, ExitInfo>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const focusTerminal = useRef<() => void>(() => {});

  const name = agentDto?.name ?? session?.agentName ?? agent;
  const live = isLive(session);
  const showTerminal = !!session && (live || attachedId === session.id);
  const exit: ExitInfo | undefined = session
    ? (exits[session.id] ?? (session.status === 'exited' || session.status === 'failed' ? { code: session.exitCode, reason: session.reason } : undefined))
    : undefined;
  const exited = !!session && (!live || !!exits[session.id]);

  const launch = async () => {
    setBusy(true);
    setError(undefined);
    const response = await app.launcher.launchInto(agent, paneId);
    setBusy(false);
    if (!response.ok) setError(response.error.message);
    else focusTerminal.current();
  };

  const stop = async () => {
    if (!session) return;
    const response = await app.sessions.getState().kill(session.id);
    if (!response.ok) setError(response.error.message);
  };

  const restart = async () => {
    if (!session) return;
    setError(undefined);
    const response = await app.sessions.getState().restart(session.id);
    if (!response.ok) setError(response.error.message);
  };

  const actions = live ? (
    <>
      {/* One name for restarting in every state: PaneFrame's button once stopped is "Restart <name>" too. */}
      <IconButton label={`Restart ${name}`} title={`Restart ${name}`} onClick={() => void restart()}>
        <Icons.restart />
      </IconButton>
      <IconButton label="Stop agent" title={`Stop ${name} (kills its process)`} onClick={() => void stop()}>
        <Icons.stop />
      </IconButton>
    </>
  ) : null;

  const relaunchButton = (
    <button type="button" className="button primary" onClick={() => void launch()} disabled={busy || !!agentDto?.error}>
      <Icons.play />
      {`Relaunch ${name}`}
    </button>
  );

  return (
    <PaneFrame
      paneId={paneId}
      label={`Terminal: ${name}`}
      icon={<Icons.terminal />}
      title={name}
      titleHint={session ? `${session.profile} · ${session.cwd}` : undefined}
      badge={<StatusBadge status={session?.status ?? 'stopped'} compact />}
      actions={actions}
      style={style}
      hidden={hidden}
      onFocusRequest={() => focusTerminal.current()}
    >
      <div className="terminal-body">
        {showTerminal && session ? (
          <TerminalView
            key={session.id}
            sessionId={session.id}
            size={{ cols: session.cols, rows: session.rows }}
            hidden={hidden}
            focusRef={focusTerminal}
            onAttached={() => setAttachedId(session.id)}
            onExit={(info) => setExits((all) => ({ ...all, [session.id]: info }))}
          />
        ) : (
          <div className="placeholder">
            {agentsLoaded && !agentDto && !session ? (
              <p>The agent “{agent}” no longer exists in this project.</p>
            ) : (
              <>
                <p className="placeholder-title">{name}</p>
                <p className="muted">{exit ? describeExit(exit) : `${name} is not running.`}</p>
                {agentDto?.error ? <p className="error-text">{agentDto.error}</p> : null}
                {relaunchButton}
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={relaunchOnOpen}
                    onChange={(e) => void app.project.getState().setRelaunchOnOpen(e.target.checked)}
                  />
                  Relaunch agents automatically on open
                </label>
              </>
            )}
            {error ? <p className="error-text">{error}</p> : null}
          </div>
        )}
        {showTerminal && exited && exit ? (
          <div className={`exit-bar${session?.status === 'failed' ? ' failed' : ''}`}>
            <span>{describeExit(exit)}</span>
            {error ? <span className="error-text">{error}</span> : null}
            {relaunchButton}
          </div>
        ) : null}
      </div>
    </PaneFrame>
  );
}

function describeExit(exit: ExitInfo): string {
  // No code with a reason: a signal ended it ("killed by signal 9", where an exit code would mislead: finding 16) or the session is gone.
  if (exit.reason && exit.code === undefined) return `Process ended: ${exit.reason}`;
  return `Process exited with code ${exit.code ?? 'unknown'}${exit.reason ? ` (${exit.reason})` : ''}`;
}

/**
 * One xterm.js Terminal bound to one session's stream. Bytes go from the stream straight into
 * term.write and are acked once xterm has parsed them; they never pass through React state.
 */
function TerminalView(props: {
  sessionId: string;
  /** The size the session was launched at: the terminal starts at it, so a pane that fits it resizes nothing. */
  size: { cols: number; rows: number };
  hidden: boolean;
  focusRef: { current: () => void };
  onAttached: () => void;
  onExit: (info: ExitInfo) => void;
}) {
  const api = useApi();
  const themeStore = useThemeStore();
  const containerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<{ term: Terminal; search: SearchAddon; fit: () => void; visibility: (visible: boolean) => void } | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({ ...terminalOptions(), cols: props.size.cols, rows: props.size.rows, theme: xtermTheme() });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        // The desktop app denies window.open and hands http(s) links to the OS browser (main re-checks
        // the scheme); in the browser links open in a tab that cannot reach back.
        if (api.openExternal) void api.openExternal(uri).catch(() => undefined);
        else window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    term.open(container);
    const gpu = leaseWebgl(term, !callbacks.current.hidden);
    // A flood is a rate: more than PAINT_FLOOD_BYTES parsed within the current or the previous window.
    const rate = { start: 0, bytes: 0, previous: 0 };
    const noteParsed = (bytes: number) => {
      const now = performance.now();
      if (now - rate.start > PAINT_FLOOD_WINDOW_MS) {
        rate.previous = now - rate.start > 2 * PAINT_FLOOD_WINDOW_MS ? 0 : rate.bytes;
        rate.bytes = 0;
        rate.start = now;
      }
      rate.bytes += bytes;
    };
    const flooding = () => performance.now() - rate.start < 2 * PAINT_FLOOD_WINDOW_MS && Math.max(rate.previous, rate.bytes) > PAINT_FLOOD_BYTES;
    // The scrollbar moves with the rows: while flooding, as often as they repaint.
    const uncoalesce = coalesceScrollbarSync(term, (fn) => {
      if (flooding()) setTimeout(() => requestAnimationFrame(() => fn()), FLOOD_REPAINT_MS);
      else requestAnimationFrame(() => fn());
    });
    const unthrottle = throttleRepaints(term, FLOOD_REPAINT_MS, flooding);
    if (!uncoalesce || !unthrottle) console.warn('tessera: xterm flood tuning unavailable (xterm internals changed); terminals still work, only slower under floods');
    // App shortcuts must reach the app even while the terminal has the keyboard.
    term.attachCustomKeyEventHandler((e) => !(appShortcutOf(e) || SHORTCUTS.find.match(e)));

    let disposed = false;
    /** The live stream while the pane is fed; undefined while it is hidden (DESIGN §5). */
    let attachment: TerminalAttachment | undefined;
    /** Output of the current attachment waiting for its turn in xterm (feed-scheduler.ts). */
    let queue: FeedQueue | undefined;
    const probeRef: { current?: BenchProbe } = {};
    const sendInput = (data: string) => {
      queue?.noteInput();
      attachment?.input(data);
    };

    const attach = () => {
      // Filled right after attachTerminal returns; a transport may call the sink before that.
      const link: { attachment?: TerminalAttachment; unacked: number } = { unacked: 0 };
      const ack = (bytes: number) => {
        if (disposed) return;
        // A transport that delivers during attachTerminal itself gets its credit right after.
        if (link.attachment) link.attachment.ack(bytes);
        else link.unacked += bytes;
      };
      const feed = feedScheduler.register(
        { write: (bytes, parsed) => term.write(bytes, parsed) },
        (bytes) => {
          noteParsed(bytes);
          ack(bytes);
          probeRef.current?.parsed(bytes);
        },
        () => link.attachment?.skip(),
      );
      queue?.dispose();
      queue = feed;
      const current = api.attachTerminal(props.sessionId, {
        snapshot: (data, screenOnly) => {
          if (disposed || attachment !== link.attachment) return;
          // A snapshot repaints the whole screen (first attach, shown again, the stream reconnected, or
          // a flood the pane could not keep up with): output still waiting here is superseded by it.
          feed.clear();
          // During a flood the screen comes a few times a second: painted over a cleared screen rather
          // than on a fresh terminal, which costs far more (a full snapshot follows once it calms down).
          // The reset is written too (RIS, what term.reset() does), so it happens when the snapshot is
          // parsed: reset at once, the pane showed a blank frame until then.
          term.write(screenOnly ? CLEAR_FOR_SCREEN : FULL_RESET);
          term.write(data, () => {
            // Credited by its characters: the host counts snapshots against the window too.
            ack(data.length);
            probeRef.current?.snapshotParsed();
          });
        },
        data: (bytes) => {
          if (disposed || attachment !== link.attachment) return;
          feed.push(bytes);
        },
        exit: (info) => {
          if (disposed || attachment !== link.attachment) return;
          // The exit comes after the output before it, which may still wait for its turn.
          feed.afterQueued(() => {
            if (disposed || attachment !== link.attachment) return;
            probeRef.current?.exited();
            callbacks.current.onExit(info);
          });
        },
      });
      link.attachment = current;
      attachment = current;
      if (link.unacked > 0) current.ack(link.unacked);
      // Tell the session our size even when fitting did not change xterm's default.
      current.resize(term.cols, term.rows);
    };
    const detach = () => {
      // Bytes handed to xterm before this are still parsed; their acks go to a closed stream, which ignores them.
      const current = attachment;
      attachment = undefined;
      queue?.dispose();
      queue = undefined;
      current?.close();
    };

    const subs = [
      term.onData(sendInput),
      term.onBinary(sendInput),
      term.onResize(({ cols, rows }) => attachment?.resize(cols, rows)),
    ];
    const resizer = createResizeDebouncer({
      current: () => ({ cols: term.cols, rows: term.rows }),
      apply: ({ cols, rows }) => term.resize(cols, rows),
      colsDelayMs: COLUMN_RESIZE_DEBOUNCE_MS,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    const doFit = (now = false) => {
      if (disposed || container.clientWidth === 0 || container.clientHeight === 0) return;
      try {
        const dims = fit.proposeDimensions();
        if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
        const next = { cols: Math.max(2, dims.cols), rows: Math.max(1, dims.rows) };
        resizer.propose(next);
        if (now) resizer.flush();
      } catch {
        // The renderer may not have measured its cell yet; the next resize fits.
      }
    };
    let fitTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(fitTimer);
      fitTimer = setTimeout(() => doFit(), FIT_SETTLE_MS);
    });
    observer.observe(container);
    // The first fit is applied whole, before attaching: the session learns the pane's real size at once.
    doFit(true);
    probeRef.current = benchProbe(props.sessionId, term);
    const gate = createFeedGate({ attach, detach, hideDelayMs: HIDDEN_DETACH_MS, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }, !callbacks.current.hidden);
    callbacks.current.onAttached();

    const unsubscribeTheme = themeStore.subscribe(() => {
      term.options.theme = xtermTheme();
    });
    searchRef.current = { term, search, fit: () => doFit(), visibility: (visible) => {
      gate.setVisible(visible);
      gpu.setVisible(visible);
    } };
    callbacks.current.focusRef.current = () => term.focus();

    return () => {
      disposed = true;
      clearTimeout(fitTimer);
      observer.disconnect();
      resizer.dispose();
      unsubscribeTheme();
      for (const sub of subs) sub.dispose();
      gate.dispose();
      probeRef.current?.dispose();
      gpu.dispose();
      unthrottle?.();
      uncoalesce?.();
      term.dispose();
      searchRef.current = null;
      callbacks.current.focusRef.current = () => {};
    };
    // One terminal per session: the pane re-keys TerminalView when the session changes.
  }, [api, themeStore, props.sessionId]);

  useEffect(() => {
    // Only visible panes are fed and hold a WebGL context; a pane shown again replays its snapshot.
    searchRef.current?.visibility(!props.hidden);
    if (!props.hidden) searchRef.current?.fit();
  }, [props.hidden]);

  return (
    <div
      className="terminal-view"
      onKeyDown={(e) => {
        if (SHORTCUTS.find.match(e)) {
          e.preventDefault();
          setFindOpen(true);
        }
      }}
    >
      <div className="terminal-host" ref={containerRef} />
      {findOpen && searchRef.current ? (
        <FindBar
          search={searchRef.current.search}
          onClose={() => {
            setFindOpen(false);
            searchRef.current?.search.clearDecorations();
            searchRef.current?.term.focus();
          }}
        />
      ) : null}
    </div>
  );
}

function FindBar({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
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
