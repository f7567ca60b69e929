/**
 * Whether a terminal pane is fed: only visible panes are, and hidden ones are replayed when shown. A
 * shown pane attaches to its session's stream at once, which replays the mirror's snapshot then goes
 * live; a hidden pane detaches after a short delay, so toggling maximize back and forth does not pay
 * for a snapshot each time, while a pane that stays hidden stops costing parse time in the browser
 * and stops holding the agent back through flow control.
 */
export interface FeedGateDeps {
  attach(): void;
  detach(): void;
  readonly hideDelayMs: number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

export interface FeedGate {
  readonly attached: boolean;
  setVisible(visible: boolean): void;
  /** Detaches now if attached; the gate does nothing afterwards. */
  dispose(): void;
}

export function createFeedGate(deps: FeedGateDeps, visible: boolean): FeedGate {
  // Called without a receiver: the browser's setTimeout throws "Illegal invocation" when called as a
  // method of another object (deps.setTimer(...) with deps.setTimer = setTimeout).
  const { setTimer, clearTimer } = deps;
  let attached = false;
  let disposed = false;
  let timer: unknown;

  const cancel = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };

  const gate: FeedGate = {
    get attached() {
      return attached;
    },
    setVisible(next) {
      if (disposed) return;
      if (next) {
        cancel();
        if (!attached) {
          attached = true;
          deps.attach();
        }
        return;
      }
      if (!attached || timer !== undefined) return;
      timer = setTimer(() => {
        timer = undefined;
        if (disposed || !attached) return;
        attached = false;
        deps.detach();
      }, deps.hideDelayMs);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      cancel();
      if (attached) {
        attached = false;
        deps.detach();
      }
    },
  };
  if (visible) gate.setVisible(true);
  return gate;
}
