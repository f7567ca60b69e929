import { err, ok, type Result } from './result';
import { MAX_SIZE, MIN_SIZE, type TerminalSize } from './session';

export type SizeError = { readonly kind: 'size-invalid'; readonly reason: string };

/**
 * A size from outside (a pane being dragged, a CLI's tty) is rounded and clamped into the range
 * a PTY accepts: a 0-row window while a divider is dragged must not kill the session.
 * Only values that are not numbers at all are refused.
 */
export function clampSize(size: { readonly cols: number; readonly rows: number }): Result<TerminalSize, SizeError> {
  if (!Number.isFinite(size.cols) || !Number.isFinite(size.rows)) {
    return err({ kind: 'size-invalid', reason: `${size.cols}x${size.rows} is not a size` });
  }
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));
  return ok({ cols: clamp(size.cols, MIN_SIZE.cols, MAX_SIZE.cols), rows: clamp(size.rows, MIN_SIZE.rows, MAX_SIZE.rows) });
}
