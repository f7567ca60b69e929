import { useEffect, useRef, type RefObject } from 'react';
import type { TesseraApi } from '../../../contract/api';
import { browserClock } from './browser-clock';
import { pageBackground, pageEcho, pageFeed, pageRepaintTimers } from './page-terminals';
import type { ExitInfo } from './session-stream';
import type { TerminalDims } from './resize-debounce';
import { createTerminalController, type TerminalController } from './terminal-controller';
import { createXtermSurface } from './xterm-surface';

export interface UseTerminalOptions {
  readonly api: Pick<TesseraApi, 'attachTerminal' | 'openExternal'>;
  /** Tells when the app's theme changed (the theme store). */
  readonly theme: { subscribe(listener: () => void): () => void };
  readonly sessionId: string;
  /** The size the session was launched at. */
  readonly size: TerminalDims;
  readonly hidden: boolean;
  readonly onExit: (info: ExitInfo) => void;
  /** Keys the app keeps for itself even while the terminal has the keyboard. */
  readonly isAppKey: (event: KeyboardEvent) => boolean;
}

/**
 * A pane's terminal for React: the controller (terminal-controller.ts) built on the page's xterm,
 * clock and feed scheduler, in the element `hostRef` is put on, for as long as the session does not
 * change. The pane's box is watched for size changes; the theme store for theme changes.
 */
export function useTerminal(options: UseTerminalOptions): { hostRef: RefObject<HTMLDivElement | null>; terminal: RefObject<TerminalController | undefined> } {
  const hostRef = useRef<HTMLDivElement>(null);
  const terminal = useRef<TerminalController | undefined>(undefined);
  const latest = useRef(options);
  latest.current = options;
  const { api, theme, sessionId } = options;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const openLink = (uri: string) => {
      // The desktop app denies window.open and hands http(s) links to the OS browser (main re-checks
      // the scheme); in the browser links open in a tab that cannot reach back.
      if (api.openExternal) void api.openExternal(uri).catch(() => undefined);
      else window.open(uri, '_blank', 'noopener,noreferrer');
    };
    const controller = createTerminalController({
      sessionId,
      size: latest.current.size,
      visible: !latest.current.hidden,
      createSurface: (surface) => createXtermSurface(host, { ...surface, isAppKey: (event) => latest.current.isAppKey(event), openLink, clock: browserClock }),
      api,
      feed: pageFeed,
      background: pageBackground,
      repaintTimers: pageRepaintTimers,
      echo: pageEcho,
      clock: browserClock,
      onExit: (info) => latest.current.onExit(info),
      warn: (message) => console.warn(message),
    });
    terminal.current = controller;
    const observer = new ResizeObserver(() => controller.boxChanged());
    observer.observe(host);
    const unsubscribe = theme.subscribe(() => controller.refreshTheme());
    return () => {
      observer.disconnect();
      unsubscribe();
      controller.dispose();
      terminal.current = undefined;
    };
    // One terminal per session: the pane re-keys its view when the session changes.
  }, [api, theme, sessionId]);

  useEffect(() => {
    terminal.current?.setVisible(!options.hidden);
  }, [options.hidden]);

  return { hostRef, terminal };
}
