import { describe, expect, it } from 'vitest';
import { CANCELLED, Cancellation, VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('wakes sleepers in deadline order and moves time to each deadline', async () => {
    const clock = new VirtualClock();
    const woke: [string, number][] = [];
    await Promise.all([
      clock.sleep(500).then(() => woke.push(['slow', clock.now()])),
      clock.sleep(100).then(() => woke.push(['fast', clock.now()])),
    ]);
    expect(woke).toEqual([
      ['fast', 100],
      ['slow', 500],
    ]);
  });

  it('drops a cancelled sleeper so it cannot move time later', async () => {
    const clock = new VirtualClock();
    const cancellation = new Cancellation();
    const slow = clock.sleep(5000, cancellation).catch((e: unknown) => e);
    await clock.sleep(1000);
    cancellation.cancel();
    expect(await slow).toBe(CANCELLED);
    await clock.sleep(1);
    expect(clock.now()).toBe(1001);
  });

  it('fires timers in order and lets them be stopped', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.timer(30, () => fired.push('c'));
    const stop = clock.timer(20, () => fired.push('b'));
    clock.timer(10, () => fired.push('a'));
    stop();
    await clock.sleep(100);
    expect(fired).toEqual(['a', 'c']);
  });

  it('only moves forward', () => {
    const clock = new VirtualClock();
    clock.advanceTo(300);
    clock.advanceTo(100);
    expect(clock.now()).toBe(300);
  });
});
