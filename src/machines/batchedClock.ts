/**
 * A clock for XState actors that fires timers in batches: every due time is
 * rounded to the nearest multiple of `stepMs`, and all timers due at the same
 * step share one native timeout. A burst's hundred journey actors each set a
 * timer per hop (hundreds a second); batched, the page wakes at most once per
 * step, so the frames stay free for drawing. A timer fires within half a step
 * of its time, which nobody can see at a burst's pace; rounding up instead
 * would make a timer set just after a step fire a whole step late, every time.
 */
/** What XState's `clock` option takes (xstate does not export the type). */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

type Entry = { fn: () => void; due: number };

export interface BatchedClockOptions {
  stepMs?: number;
  now?: () => number;
  /** The underlying timers (the page's by default). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

export function createBatchedClock(options: BatchedClockOptions = {}): Clock {
  const step = options.stepMs ?? 50;
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>));
  /** Timers by the step they are due at, with the native timeout that fires them. */
  const batches = new Map<number, { entries: Set<Entry>; timer: unknown }>();

  function fire(due: number) {
    const batch = batches.get(due);
    batches.delete(due);
    for (const entry of batch?.entries ?? []) entry.fn();
  }

  return {
    setTimeout(fn: (...args: unknown[]) => void, timeout: number) {
      const due = Math.round((now() + Math.max(0, timeout)) / step) * step;
      const entry: Entry = { fn, due };
      let batch = batches.get(due);
      if (!batch) {
        batch = { entries: new Set(), timer: setTimer(() => fire(due), Math.max(0, due - now())) };
        batches.set(due, batch);
      }
      batch.entries.add(entry);
      return entry;
    },
    clearTimeout(id: unknown) {
      const entry = id as Entry;
      const batch = batches.get(entry?.due);
      if (!batch) return;
      batch.entries.delete(entry);
      if (batch.entries.size === 0) {
        clearTimer(batch.timer);
        batches.delete(entry.due);
      }
    },
  };
}
