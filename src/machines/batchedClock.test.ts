import { describe, expect, it } from 'vitest';
import { createBatchedClock } from './batchedClock';

/** Native timers by hand: a list of pending ones and a current time. */
function fakeTimers() {
  let time = 0;
  let pending: { fn: () => void; at: number; id: number }[] = [];
  let next = 1;
  return {
    now: () => time,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      pending.push({ fn, at: time + ms, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      pending = pending.filter((p) => p.id !== id);
    },
    native: () => pending.length,
    advance(ms: number) {
      time += ms;
      const due = pending.filter((p) => p.at <= time).sort((a, b) => a.at - b.at);
      pending = pending.filter((p) => p.at > time);
      for (const p of due) p.fn();
    },
  };
}

describe('createBatchedClock', () => {
  it('timers due in the same step share one native timeout and fire together, in order', () => {
    const t = fakeTimers();
    const clock = createBatchedClock({ stepMs: 50, ...t });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('a'), 30);
    clock.setTimeout(() => fired.push('b'), 60);
    clock.setTimeout(() => fired.push('c'), 80);
    expect(t.native()).toBe(2);
    t.advance(49);
    expect(fired).toEqual([]);
    t.advance(1);
    expect(fired).toEqual(['a', 'b']);
    t.advance(50);
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it('fires within half a step of its time, and a timer set just after a step is not a step late', () => {
    const t = fakeTimers();
    const clock = createBatchedClock({ stepMs: 50, ...t });
    for (const start of [0, 1, 7, 24, 26, 49]) {
      let at = -1;
      const from = t.now();
      t.advance(start);
      clock.setTimeout(() => (at = t.now()), 300);
      for (let i = 0; i < 400 && at < 0; i++) t.advance(1);
      const wanted = from + start + 300;
      expect(Math.abs(at - wanted)).toBeLessThanOrEqual(25);
    }
  });

  it('clearing a timer stops it; clearing the last of a step drops its native timeout', () => {
    const t = fakeTimers();
    const clock = createBatchedClock({ stepMs: 50, ...t });
    const fired: string[] = [];
    const a = clock.setTimeout(() => fired.push('a'), 10);
    const b = clock.setTimeout(() => fired.push('b'), 20);
    clock.clearTimeout(a);
    expect(t.native()).toBe(1);
    clock.clearTimeout(b);
    expect(t.native()).toBe(0);
    t.advance(100);
    expect(fired).toEqual([]);
    clock.clearTimeout(a);
  });
});
