import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';

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

  it('drops an aborted sleeper so it cannot move time later', async () => {
    const clock = new VirtualClock();
    const abort = new AbortController();
    const slow = clock.sleep(5000, abort.signal).catch(() => 'aborted');
    await clock.sleep(1000);
    abort.abort(new Error('timeout'));
    expect(await slow).toBe('aborted');
    await clock.sleep(1);
    expect(clock.now()).toBe(1001);
  });

  it('only moves forward', () => {
    const clock = new VirtualClock();
    clock.advanceTo(300);
    clock.advanceTo(100);
    expect(clock.now()).toBe(300);
  });
});
