import { describe, expect, it } from 'vitest';
import { tailAccessLog } from './accessLog';
import { collectCacheEntries, secondsLeft } from './cacheEntries';
import { whoAnswered } from './whoAnswered';
import { percent } from '../ui/live/percent';
import { collectLimitBuckets, describeSteps, levelAt, ratePerMs } from './limitBuckets';
import { liveProxy, sampleSession } from './live-support';

describe('distribution', () => {
  it('counts round robin over three backends from x-backend, and cache hits and rejections as nginx answers', async () => {
    const { exchanges } = await sampleSession();
    const d = whoAnswered(exchanges);
    expect(d.total).toBe(18);
    // 6 plain + 1 cache MISS + 4 limited that passed = 11 backend answers, in turn.
    expect(d.byBackend).toEqual([
      { name: 'app-a', count: 4 },
      { name: 'app-b', count: 4 },
      { name: 'app-c', count: 3 },
    ]);
    expect(d.byNginx).toEqual([
      { status: 200, source: 'cache', count: 1 },
      { status: 503, source: 'error', count: 6 },
    ]);
    expect(d.noResponse).toBe(0);
    expect(percent(4, 11)).toBe('36%');
    expect(percent(1, 1000)).toBe('<1%');
  });
});

describe('cache entries', () => {
  it('shows a MISS stored with its TTL, then a HIT, counting down to the expiry', async () => {
    const { send } = liveProxy();
    const miss = await send('/cached/page', 1000);
    expect(collectCacheEntries([miss])).toEqual([
      expect.objectContaining({
        zone: 'pages',
        key: 'http://app/cached/page',
        status: 'MISS',
        storedAt: 1000,
        ttl: 10,
        staleAt: 12_000,
      }),
    ]);
    const hit = await send('/cached/page', 3000);
    const [entry] = collectCacheEntries([miss, hit]);
    expect(entry).toMatchObject({ status: 'HIT', storedAt: 1000, ttl: 10, staleAt: 12_000 });
    expect(secondsLeft(entry!, 3000)).toBe(9);
    expect(secondsLeft(entry!, 11_500)).toBe(1);
    expect(secondsLeft(entry!, 12_000)).toBe(0);
  });

  it('lists an answer that was not stored without a TTL', async () => {
    const { send } = liveProxy(LIVE_NO_VALID);
    const [entry] = collectCacheEntries([await send('/cached/x')]);
    expect(entry).toMatchObject({ status: 'MISS', storedAt: null, ttl: null });
    expect(secondsLeft(entry!, 0)).toBeNull();
  });
});

const LIVE_NO_VALID = `events {}
http {
  proxy_cache_path cache keys_zone=pages:1m;
  server { listen 80; location / { proxy_cache pages; proxy_pass http://127.0.0.1:3001; } }
}
`;

describe('limit_req buckets', () => {
  it('fills the bucket to the burst with nodelay, then rejects; the level drains at the rate', async () => {
    const { exchanges } = await sampleSession();
    const buckets = collectLimitBuckets(exchanges);
    expect(buckets).toHaveLength(1);
    const b = buckets[0]!;
    expect(b).toMatchObject({
      zone: 'perip',
      key: '127.0.0.1',
      rate: '2r/s',
      burst: 3,
      nodelay: true,
      total: 10,
    });
    expect(b.timeline.map((s) => s.decision)).toEqual([
      ...Array<string>(4).fill('passed'),
      ...Array<string>(6).fill('rejected'),
    ]);
    expect(b.timeline.map((s) => s.excessAfter)).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3, 3]);
    expect(describeSteps(b.timeline)).toBe('4 passed, 6 rejected');
    // 2r/s drains one request every 500 ms.
    expect(levelAt(b, 4000)).toBe(3);
    expect(levelAt(b, 5000)).toBe(1);
    expect(levelAt(b, 9000)).toBe(0);
  });

  it('keeps only the last requests in the timeline, and words delays', async () => {
    const { send } = liveProxy();
    const all = await Promise.all(Array.from({ length: 150 }, () => send('/limited/y')));
    const [b] = collectLimitBuckets(all, 100);
    expect(b!.total).toBe(150);
    expect(b!.timeline).toHaveLength(100);
    expect(
      describeSteps([
        { at: 0, decision: 'passed', delayMs: 0, excessAfter: 0, dryRun: false },
        { at: 0, decision: 'delayed', delayMs: 400, excessAfter: 1, dryRun: false },
        { at: 0, decision: 'rejected', delayMs: 0, excessAfter: 1, dryRun: false },
      ]),
    ).toBe('1 passed, 1 delayed 400 ms, 1 rejected');
    expect(ratePerMs('30r/m')).toBeCloseTo(0.0005);
  });
});

describe('access log', () => {
  it('keeps the last lines in order and counts them all; access_log off writes none', async () => {
    const { exchanges } = await sampleSession();
    const tail = tailAccessLog(exchanges, 5);
    expect(tail.total).toBe(18);
    expect(tail.lines).toHaveLength(5);
    expect(tail.lines.at(-1)!.line).toBe('127.0.0.1 "GET /limited/x HTTP/1.1" 503 -');
    expect(tailAccessLog(exchanges).lines[7]!.line).toBe(
      '127.0.0.1 "GET /cached/page HTTP/1.1" 200 HIT',
    );
    const { send } = liveProxy();
    expect(tailAccessLog([await send('/quiet/')]).total).toBe(0);
  });
});
