/**
 * Terminal resizes, shaped for cost: a change of rows is cheap (no reflow) and is applied
 * at once, so the pane never shows a stale bottom; a change of columns makes xterm.js reflow the
 * whole scrollback and the agent redraw, so it waits until the size stops changing (a divider drag
 * is one reflow, not fifty).
 */
export interface TerminalDims {
  readonly cols: number;
  readonly rows: number;
}

export interface ResizeDebounceDeps {
  current(): TerminalDims;
  apply(dims: TerminalDims): void;
  readonly colsDelayMs: number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

export interface ResizeDebouncer {
  propose(dims: TerminalDims): void;
  /** Applies a pending column change now (e.g. before the pane is hidden). */
  flush(): void;
  dispose(): void;
}

export function createResizeDebouncer(deps: ResizeDebounceDeps): ResizeDebouncer {
  // Called without a receiver: the browser's setTimeout throws "Illegal invocation" when called as a
  // method of another object, and a column change would never be applied.
  const { setTimer, clearTimer } = deps;
  let pendingCols: number | undefined;
  let timer: unknown;

  const cancel = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };

  const applyCols = () => {
    timer = undefined;
    const cols = pendingCols;
    pendingCols = undefined;
    if (cols === undefined) return;
    const now = deps.current();
    if (now.cols !== cols) deps.apply({ cols, rows: now.rows });
  };

  return {
    propose(dims) {
      const now = deps.current();
      if (dims.rows !== now.rows) deps.apply({ cols: now.cols, rows: dims.rows });
      if (dims.cols === now.cols) {
        // Back to the width it has: nothing to reflow.
        pendingCols = undefined;
        cancel();
        return;
      }
      pendingCols = dims.cols;
      cancel();
      timer = setTimer(applyCols, deps.colsDelayMs);
    },
    flush() {
      if (timer === undefined) return;
      cancel();
      applyCols();
    },
    dispose() {
      cancel();
      pendingCols = undefined;
    },
  };
}
