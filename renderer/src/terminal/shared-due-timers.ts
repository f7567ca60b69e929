import type { TimerClock } from './clock';

/**
 * Timers that fire in one task when they fall due at the same moment (to the millisecond): one
 * underlying timer per due time, whose task runs every callback due then, in the order they were set.
 * Separate browser timers for one moment run as separate tasks, and the browser may start a frame
 * between two of them, so the panes whose repaints they release would be drawn in two frames, each
 * laying out and painting the page.
 */
export function sharedDueTimers(clock: TimerClock, report: (error: unknown) => void = rethrowAlone): TimerClock {
  interface Group {
    readonly due: number;
    readonly entries: Set<Entry>;
    handle?: unknown;
  }
  interface Entry {
    readonly fn: () => void;
    readonly group: Group;
  }
  /** The groups whose timer has not fired yet, by due time. */
  const waiting = new Map<number, Group>();
  return {
    now: () => clock.now(),
    setTimer(fn, ms) {
      const now = clock.now();
      const due = Math.round(now + Math.max(0, ms));
      let group = waiting.get(due);
      if (!group) {
        const created: Group = { due, entries: new Set() };
        created.handle = clock.setTimer(() => {
          waiting.delete(due);
          // A callback may clear one due after it in this group: the set skips what it loses. One that
          // throws must not keep the others from running (a pane whose repaint never ran would wait for
          // it for ever); its error goes to `report`.
          for (const entry of created.entries) {
            try {
              entry.fn();
            } catch (error) {
              report(error);
            }
          }
        }, Math.max(0, due - now));
        waiting.set(due, created);
        group = created;
      }
      const entry: Entry = { fn, group };
      group.entries.add(entry);
      return entry;
    },
    clearTimer(handle) {
      const { group } = handle as Entry;
      group.entries.delete(handle as Entry);
      if (group.entries.size > 0 || waiting.get(group.due) !== group) return;
      clock.clearTimer(group.handle);
      waiting.delete(group.due);
    },
  };
}

/** Throws `error` again in a task of its own, where the page reports it as any uncaught error. */
function rethrowAlone(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
