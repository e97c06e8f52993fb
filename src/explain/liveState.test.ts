import { describe, expect, it } from 'vitest';
import { tailAccessLog } from './accessLog';
import { collectCacheEntries } from './cacheEntries';
import { collectLimitBuckets } from './limitBuckets';
import { liveProxy, sampleSession } from './live-support';
import { addToLive, emptyLive } from './liveState';
import { answersOf, whoAnswered } from './whoAnswered';

describe('the live state, kept running', () => {
  it('added in batches, says what a count over every exchange at once says', async () => {
    const { exchanges } = await sampleSession();
    let live = emptyLive();
    // Batches as the controller gets them: one exchange, then a few, then the rest.
    for (const batch of [exchanges.slice(0, 1), exchanges.slice(1, 4), exchanges.slice(4)])
      live = addToLive(live, batch);
    expect(answersOf(live.tally)).toEqual(whoAnswered(exchanges));
    expect(live.cache).toEqual(collectCacheEntries(exchanges));
    expect(live.buckets).toEqual(collectLimitBuckets(exchanges, 100));
    expect(live.logLines).toBe(tailAccessLog(exchanges).total);
  });

  it('remembers a cache entry stored long before the requests still in view', async () => {
    const { send } = liveProxy();
    let live = addToLive(emptyLive(), [await send('/cached/page')]);
    const later = [];
    for (let i = 0; i < 5; i++) later.push(await send('/other'));
    live = addToLive(live, later);
    // The later requests alone know nothing of the entry; the running state still has it, stored.
    expect(collectCacheEntries(later)).toEqual([]);
    expect(live.cache).toHaveLength(1);
    expect(live.cache[0]).toMatchObject({ key: expect.stringContaining('/cached/page'), ttl: 10 });
    expect(live.cache[0]!.storedAt).not.toBeNull();
  });

  it('leaves the state it was given as it was', async () => {
    const { exchanges } = await sampleSession();
    const before = addToLive(emptyLive(), exchanges.slice(0, 5));
    const copy = structuredClone(before);
    addToLive(before, exchanges.slice(5));
    expect(before).toEqual(copy);
  });
});
