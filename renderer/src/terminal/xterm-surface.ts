import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { benchProbe } from './bench-probe';
import { joinCellGlyphs } from './dom-cell-glyphs';
import { blinkDomCursor } from './dom-cursor-blink';
import type { TerminalClock } from './clock';
import type { TerminalSurface, TerminalSurfaceOptions } from './terminal-controller';
import { terminalOptions } from './terminal-options';
import { leaveQueriesToHost } from './queries-left-to-host';
import { leaseWebgl } from './webgl-renderer';
import { xtermTheme } from './xterm-theme';
import { throttleRepaints } from './xterm-tuning';

export interface XtermSurfaceOptions extends TerminalSurfaceOptions {
  /** Keys the app keeps for itself (its shortcuts) even while the terminal has the keyboard. */
  readonly isAppKey: (event: KeyboardEvent) => boolean;
  /** Opens a link the user clicked in the terminal's output. */
  readonly openLink: (uri: string) => void;
  /** Times the DOM renderer's cursor blink. */
  readonly clock: TerminalClock;
}

/**
 * The page's terminal: a real xterm.js Terminal opened in `host`, with the addons a pane uses
 * (fit, search, Unicode 11 widths, links) and a WebGL renderer while it is visible and holds a lease.
 */
export function createXtermSurface(host: HTMLElement, options: XtermSurfaceOptions): TerminalSurface {
  const term = new Terminal({ ...terminalOptions(), cols: options.size.cols, rows: options.size.rows, theme: xtermTheme() });
  // The session's mirror on the host answers every query; a view answering too would answer twice.
  leaveQueriesToHost(term.parser);
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.loadAddon(
    new WebLinksAddon((event, uri) => {
      event.preventDefault();
      options.openLink(uri);
    }),
  );
  term.open(host);
  term.attachCustomKeyEventHandler((event) => !options.isAppKey(event));
  const gpu = leaseWebgl(term, options.visible);
  const untune: Array<() => void> = [];
  // A font (the symbol fonts load when a character first needs them) draws glyphs the WebGL renderer
  // cached as missing-glyph boxes: it draws them again. The DOM renderer's text reflows by itself.
  const redrawGlyphs = () => term.clearTextureAtlas();
  document.fonts?.addEventListener('loadingdone', redrawGlyphs);
  untune.push(() => document.fonts?.removeEventListener('loadingdone', redrawGlyphs), joinCellGlyphs(host), blinkDomCursor(host, term, options.clock));

  return {
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    write: (data, parsed) => term.write(data, parsed),
    resize: (cols, rows) => term.resize(cols, rows),
    onInput(listener) {
      const typed = term.onData(listener);
      const binary = term.onBinary(listener);
      return { dispose: () => [typed, binary].forEach((d) => d.dispose()) };
    },
    onResize: (listener) => term.onResize(({ cols, rows }) => listener({ cols, rows })),
    proposeSize() {
      if (host.clientWidth === 0 || host.clientHeight === 0) return undefined;
      try {
        const size = fit.proposeDimensions();
        return size && Number.isFinite(size.cols) && Number.isFinite(size.rows) ? { cols: size.cols, rows: size.rows } : undefined;
      } catch {
        // The renderer may not have measured its cell yet; the next resize fits.
        return undefined;
      }
    },
    refreshTheme() {
      term.options.theme = xtermTheme();
    },
    setVisible: (visible) => gpu.setVisible(visible),
    tuneRepaints({ repaintMs, clock, requestFrame, repainted }) {
      const unthrottle = throttleRepaints(term, repaintMs, clock, repainted, requestFrame);
      if (unthrottle) untune.push(unthrottle);
      return !!unthrottle;
    },
    benchProbe: (sessionId, clock) => benchProbe(sessionId, term, clock),
    search,
    focus: () => term.focus(),
    hasFocus: () => term.textarea !== undefined && term.textarea === term.textarea.ownerDocument.activeElement,
    dispose() {
      gpu.dispose();
      for (const undo of untune.splice(0)) undo();
      term.dispose();
    },
  };
}
