import type { TerminalSize } from '../../domain/session';

/**
 * Which view's size the PTY has, when several views (two tabs, the desktop window and a browser)
 * share it. The rule is tmux's `window-size latest`: the view that last typed or resized drives the
 * size, so the view someone is using fits, and a view left open elsewhere does not resize the
 * terminal under them; when the driving view leaves, the most recently active remaining one that
 * has told its size takes over. `apply` is called only when the size changes.
 */
export class SizeArbiter<View> {
  private readonly views = new Map<View, { size: TerminalSize | undefined; activeAt: number }>();
  private activity = 0;
  private driver: View | undefined;
  private applied: TerminalSize | undefined;

  constructor(private readonly apply: (size: TerminalSize) => void) {}

  /** `view` typed: it drives the size from now on. */
  active(view: View): void {
    const entry = this.entry(view);
    entry.activeAt = ++this.activity;
    this.driver = view;
    this.applySize(entry.size);
  }

  /** `view` asked for `size`: it drives the size from now on. */
  resize(view: View, size: TerminalSize): void {
    this.entry(view).size = size;
    this.active(view);
  }

  leave(view: View): void {
    this.views.delete(view);
    if (this.driver !== view) return;
    this.driver = undefined;
    let next: View | undefined;
    let latest = -1;
    for (const [other, entry] of this.views) {
      if (entry.size && entry.activeAt > latest) {
        next = other;
        latest = entry.activeAt;
      }
    }
    if (next === undefined) return;
    this.driver = next;
    this.applySize(this.views.get(next)!.size);
  }

  private applySize(size: TerminalSize | undefined): void {
    if (!size) return;
    const applied = this.applied;
    if (applied && applied.cols === size.cols && applied.rows === size.rows) return;
    this.applied = size;
    this.apply(size);
  }

  private entry(view: View): { size: TerminalSize | undefined; activeAt: number } {
    let entry = this.views.get(view);
    if (!entry) this.views.set(view, (entry = { size: undefined, activeAt: 0 }));
    return entry;
  }
}
