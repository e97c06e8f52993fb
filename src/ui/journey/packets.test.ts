import { describe, expect, it } from 'vitest';
import type { Hop, NodeName } from '../../explain';
import { scenario } from '../../explain/test-support';
import { activeByBackend, PacketTracker, toneOf, type FlightView, type Point } from './packets';

const AT = new Map<NodeName, Point>([
  ['client', { x: 0, y: 0 }],
  ['proxy', { x: 100, y: 0 }],
  ['upstream:pool', { x: 200, y: 0 }],
  ['backend:127.0.0.1:3001', { x: 300, y: 100 }],
]);

const POOL = `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; }
  server { listen 80; location / { proxy_pass http://pool; } }`;

async function hopsOf(config: string, backends = {}) {
  const { send } = scenario(config, backends);
  return (await send('http://example.com/')).hops;
}

const flight = (hop: Hop | null, over: Partial<FlightView> = {}): FlightView => ({
  id: 'f1',
  index: 0,
  hop,
  moving: true,
  durationMs: 100,
  ...over,
});

describe('PacketTracker', () => {
  it('moves a packet from the hop’s start to its end over its duration', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const first = hops[0]!; // client → proxy
    expect([first.from, first.to]).toEqual(['client', 'proxy']);
    const tracker = new PacketTracker();
    const at = (now: number) => tracker.place([flight(first)], now, AT, false)[0]!;
    const start = at(1000);
    const middle = at(1050);
    const end = at(1100);
    const after = at(1500);
    // At the ends a packet sits on its node's ring (radius 9); mid-edge it is on the line.
    expect(Math.abs(start.x - 0)).toBeLessThanOrEqual(9.01);
    expect(middle.x).toBeCloseTo(50, 5);
    expect(Math.abs(end.x - 100)).toBeLessThanOrEqual(9.01);
    expect(after).toEqual(end);
  });

  it('a new hop starts from its own start; paused and reduced motion sit at the end', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const upstream = hops.find((h) => h.kind === 'upstream')!;
    const tracker = new PacketTracker();
    tracker.place([flight(hops[0]!)], 0, AT, false);
    const near = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y) <= 9.01;
    expect(near(tracker.place([flight(upstream)], 90, AT, false)[0]!, { x: 200, y: 0 })).toBe(true);
    const reduced = new PacketTracker().place([flight(upstream)], 0, AT, true)[0]!;
    expect(near(reduced, { x: 300, y: 100 })).toBe(true);
    // A journey held on a hop it has not travelled yet waits at the hop's start.
    const stepped = new PacketTracker().place([flight(upstream, { moving: false })], 0, AT, false);
    expect(stepped[0]!.x).toBeCloseTo(200 + Math.cos(0) * 9, 5);
  });

  it('a pause holds the packet where it was drawn, and play goes on from there', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const first = hops[0]!; // client (0,0) → proxy (100,0)
    const tracker = new PacketTracker();
    tracker.place([flight(first)], 0, AT, false);
    const mid = tracker.place([flight(first)], 50, AT, false)[0]!;
    expect(mid.x).toBeCloseTo(50, 5);
    const held = tracker.place([flight(first, { moving: false })], 60, AT, false)[0]!;
    expect(held).toEqual(mid);
    expect(tracker.place([flight(first, { moving: false })], 500, AT, false)[0]).toEqual(mid);
    const resumed = tracker.place([flight(first)], 1000, AT, false)[0]!;
    expect(resumed).toEqual(mid);
    const later = tracker.place([flight(first)], 1050, AT, false)[0]!;
    expect(later.x).toBeGreaterThan(mid.x);
    expect(later.x).toBeLessThan(100);
  });

  it('packets waiting at one node are spread around it, not stacked', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const self = hops.find((h) => h.from === 'proxy' && h.to === 'proxy')!;
    const placed = new PacketTracker().place(
      [0, 1, 2, 3].map((i) => flight(self, { id: `f${i}`, index: i })),
      0,
      AT,
      false,
    );
    expect(new Set(placed.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)).size).toBe(4);
    for (const p of placed) expect(Math.hypot(p.x - 100, p.y)).toBeLessThanOrEqual(9.01);
  });

  it('skips journeys still at the client and nodes it has no place for', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const toB = hops.find((h) => h.kind === 'upstream')!;
    const elsewhere: Hop = { ...toB, to: 'backend:10.0.0.9:80' };
    expect(new PacketTracker().place([flight(null), flight(elsewhere)], 0, AT, false)).toEqual([]);
  });
});

describe('toneOf and activeByBackend', () => {
  it('a refused try and an error answer are errors; a 200 on its way back is an answer', async () => {
    const hops = await hopsOf(POOL, {
      '127.0.0.1:3001': { name: 'a', down: true },
      '127.0.0.1:3002': { name: 'b' },
    });
    const tones = hops.map((h) => `${h.kind}:${toneOf(h)}`);
    expect(tones[0]).toBe('request:request');
    expect(tones.filter((t) => t.startsWith('backend:'))).toEqual([
      'backend:error',
      'backend:answer',
    ]);
    expect(tones.at(-1)).toBe('respond:answer');
  });

  it('a limit_req rejection travels back as an error', async () => {
    const { send } = scenario(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/m;
       server { listen 80; location / { limit_req zone=one; proxy_pass http://127.0.0.1:3001; } }`,
      { '127.0.0.1:3001': { name: 'a' } },
    );
    await send('http://example.com/');
    const hops = (await send('http://example.com/')).hops;
    expect(hops.map(toneOf)).toContain('error');
    expect(toneOf(hops.at(-1)!)).toBe('error');
  });

  it('counts journeys between the group and each backend, both ways', async () => {
    const hops = await hopsOf(POOL, { '127.0.0.1:3001': { name: 'a' } });
    const up = hops.find((h) => h.kind === 'upstream')!;
    const back = hops.find((h) => h.kind === 'backend')!;
    expect(
      activeByBackend([
        flight(up),
        flight(back, { id: 'f2' }),
        flight(hops[0]!, { id: 'f3' }),
        flight(null, { id: 'f4' }),
      ]),
    ).toEqual({ '127.0.0.1:3001': 2 });
  });
});
