import { PAINT_FLOOD_BYTES, PAINT_FLOOD_WINDOW_MS } from '../../../contract/flow';
import type { TerminalClock } from './clock';

export interface FloodMeter {
  /** xterm parsed this many bytes of the pane's output just now. */
  noteParsed(bytes: number): void;
  /** Whether the pane floods: more than PAINT_FLOOD_BYTES parsed within the current or the previous window. */
  flooding(): boolean;
}

/**
 * A flood is a rate, not an amount: a pane that prints a screenful at once is not flooding, one that
 * keeps printing is. Counted in windows of PAINT_FLOOD_WINDOW_MS; a window older than the previous
 * one no longer counts, so a flood that stopped stops counting within two windows.
 */
export function createFloodMeter(clock: Pick<TerminalClock, 'now'>): FloodMeter {
  const window = { start: -Infinity, bytes: 0, previous: 0 };
  return {
    noteParsed(bytes) {
      const now = clock.now();
      if (now - window.start > PAINT_FLOOD_WINDOW_MS) {
        window.previous = now - window.start > 2 * PAINT_FLOOD_WINDOW_MS ? 0 : window.bytes;
        window.bytes = 0;
        window.start = now;
      }
      window.bytes += bytes;
    },
    flooding() {
      return clock.now() - window.start < 2 * PAINT_FLOOD_WINDOW_MS && Math.max(window.previous, window.bytes) > PAINT_FLOOD_BYTES;
    },
  };
}
