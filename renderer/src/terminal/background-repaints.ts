/**
 * The page's budget for drawing the panes without the keyboard (contract/flow.ts,
 * BACKGROUND_ROWS_PER_SECOND). Each such pane tells the rows of each repaint; the interval every one
 * of them repaints at is the shortest (`minMs`) while what they draw a repaint, together, fits the
 * budget at that rate, and longer in proportion when it does not, up to `maxMs`. One interval for all of them keeps
 * their repaints in the same frames (xterm-tuning.ts). A pane that drew nothing for a while (an agent
 * at rest) asks for nothing.
 *
 * The interval is always a whole multiple of `minMs` (the nearest to what the budget asks), so every
 * background repaint falls on the one grid `minMs` wide, whenever a pane asked: at most 1000 / `minMs`
 * frames a second draw them, however many panes there are. An interval that moved with every repaint's
 * rows would give each pane a grid of its own, and as many frames as panes.
 */
export interface BackgroundRepaintOptions {
  readonly now: () => number;
  /** The interval while the budget allows (BACKGROUND_REPAINT_MS). */
  readonly minMs: number;
  /** The longest interval, whatever the budget asks (BACKGROUND_REPAINT_MAX_MS); a multiple of `minMs`. */
  readonly maxMs: number;
  readonly rowsPerSecond: number;
}

/** One pane without the keyboard, as the budget knows it. */
export interface BackgroundPane {
  /** A repaint of `rows` rows, made while the pane was without the keyboard. */
  drew(rows: number): void;
  leave(): void;
}

/** A pane whose last repaint is older than this many intervals (and a second) asks for nothing. */
const RESTING_INTERVALS = 3;
/** The weight of the latest repaint in a pane's rows a repaint (the rest is what came before). */
const LATEST_WEIGHT = 0.5;

export class BackgroundRepaints {
  private readonly panes = new Set<{ rows: number; at: number }>();
  private lastInterval: number;

  constructor(private readonly options: BackgroundRepaintOptions) {
    this.lastInterval = options.minMs;
  }

  join(): BackgroundPane {
    const pane = { rows: 0, at: -Infinity };
    this.panes.add(pane);
    return {
      drew: (rows) => {
        pane.rows = pane.at === -Infinity ? rows : LATEST_WEIGHT * rows + (1 - LATEST_WEIGHT) * pane.rows;
        pane.at = this.options.now();
      },
      leave: () => void this.panes.delete(pane),
    };
  }

  /** The interval, in ms, at which every pane without the keyboard repaints now. */
  interval(): number {
    const { minMs, maxMs, rowsPerSecond } = this.options;
    const now = this.options.now();
    // Measured in intervals as they are now, so that panes repainting less often still count.
    const resting = Math.max(1000, RESTING_INTERVALS * this.lastInterval);
    let rows = 0;
    for (const pane of this.panes) if (now - pane.at <= resting) rows += pane.rows;
    const steps = Math.round((1000 * rows) / rowsPerSecond / minMs);
    this.lastInterval = Math.min(maxMs, Math.max(1, steps) * minMs);
    return this.lastInterval;
  }
}
