import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { shownRect, tileBox, type Box } from '../layout/pane-geometry';
import type { PaneSizer } from '../stores/agent-launcher';
import type { TerminalSize } from '../stores/sessions-store';
import { terminalOptions } from './terminal-options';

/** The sizes the host accepts (the contract's bounds). */
const LIMITS = { cols: [2, 1000], rows: [1, 500] } as const;
const clamp = (n: number, [min, max]: readonly [number, number]) => Math.min(max, Math.max(min, n));

/**
 * Measures the terminal a pane will show before it is drawn, from the layout alone: the area's pixels,
 * the pane's tile in it (pane-geometry.ts, the same arithmetic as its CSS), less the pane's chrome
 * (its header and the terminal's insets, read from the CSS variables the stylesheet lays them out
 * with), in cells of a hidden probe terminal made and fitted exactly like a pane's (same options, the
 * same FitAddon), so a launch asks for the size the pane's own fit then finds.
 */
export function createPaneSizer(doc: Document = document): PaneSizer {
  let probe: FitProbe | undefined;
  return {
    terminalSize(placement) {
      const area = doc.querySelector<HTMLElement>('[data-layout-area]');
      const rect = shownRect(placement, placement.paneId);
      if (!area || !rect) return undefined;
      const box = area.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return undefined;
      const tile = tileBox(rect, box);
      const chrome = chromeOf(doc);
      probe ??= createFitProbe(doc);
      return probe.fit({ width: tile.width - chrome.left, height: tile.height - chrome.header - chrome.top });
    },
  };
}

function chromeOf(doc: Document): { header: number; top: number; left: number } {
  const style = getComputedStyle(doc.documentElement);
  const px = (name: string) => parseFloat(style.getPropertyValue(name)) || 0;
  return { header: px('--header-h'), top: px('--terminal-inset-top'), left: px('--terminal-inset-left') };
}

interface FitProbe {
  fit(host: Box): TerminalSize | undefined;
}

/** One hidden terminal for the page, whose host box is set to the box to measure before FitAddon proposes a size. */
function createFitProbe(doc: Document): FitProbe {
  const outer = doc.createElement('div');
  outer.setAttribute('aria-hidden', 'true');
  Object.assign(outer.style, { position: 'fixed', left: '-10000px', top: '0', visibility: 'hidden', pointerEvents: 'none', contain: 'strict', width: '4000px', height: '4000px' });
  const host = doc.createElement('div');
  outer.appendChild(host);
  doc.body.appendChild(outer);
  const term = new Terminal(terminalOptions());
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  return {
    fit(box) {
      host.style.width = `${Math.max(0, box.width)}px`;
      host.style.height = `${Math.max(0, box.height)}px`;
      const dims = fit.proposeDimensions();
      if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return undefined;
      return { cols: clamp(dims.cols, LIMITS.cols), rows: clamp(dims.rows, LIMITS.rows) };
    },
  };
}
