import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { Exchange } from '../runtime/types';
import { addToTally, emptyTally, journeyOf } from '../explain';
import { burst } from '../explain/test-support';
import { trafficMachine, type TrafficInput } from './trafficMachine';

/** Real time passing, 5 ms at a time (SimulatedClock fires one timer per jump). */
function advance(clock: SimulatedClock, ms: number) {
  for (let left = ms; left > 0; left -= 5) clock.increment(Math.min(5, left));
}

function start(exchanges: Exchange[], input: Partial<TrafficInput> = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(trafficMachine, {
    input: { exchanges, baseMs: 100, launchGapMs: 10, tickMs: 10, maxInFlight: 5, ...input },
    clock,
  }).start();
  return { actor, clock, ctx: () => actor.getSnapshot().context };
}

describe('traffic pacing', () => {
  it('launches one journey per gap, never more than maxInFlight at once', async () => {
    const { clock, ctx } = start(await burst(20));
    expect(ctx().flights).toHaveLength(1);
    advance(clock, 10);
    expect(ctx().flights).toHaveLength(2);
    let most = 0;
    for (let t = 0; t < 400; t += 5) {
      advance(clock, 5);
      most = Math.max(most, ctx().flights.length);
    }
    expect(most).toBe(5);
    expect(ctx().flights.every((f) => f.actor.getSnapshot().status === 'active')).toBe(true);
  });

  it('each journey keeps its own hop; all arrive, are counted and stopped', async () => {
    const exchanges = await burst(12);
    const { actor, clock, ctx } = start(exchanges, { maxInFlight: 20 });
    advance(clock, 150);
    // Launched 10 ms apart with 100 ms hops: the first ones are a hop ahead of the last ones.
    const hops = ctx().flights.map((f) => f.actor.getSnapshot().context.hopIndex);
    expect(hops[0]).toBe(1);
    expect(hops.at(-1)).toBe(0);

    const hopsEach = Math.max(...exchanges.map((e) => journeyOf(e).hops.length));
    advance(clock, 12 * 10 + (hopsEach + 2) * 100 * 3);
    expect(actor.getSnapshot().hasTag('done')).toBe(true);
    expect(ctx().flights).toHaveLength(0);
    expect(ctx().tally).toEqual(addToTally(emptyTally(), exchanges));
    expect(Object.keys(actor.getSnapshot().children)).toHaveLength(0);
  });

  it('PAUSE holds every journey and launches nothing; PLAY goes on', async () => {
    const { actor, clock, ctx } = start(await burst(20));
    advance(clock, 35);
    actor.send({ type: 'PAUSE' });
    const held = ctx().flights.map((f) => [f.index, f.actor.getSnapshot().context.hopIndex]);
    advance(clock, 1000);
    expect(ctx().flights.map((f) => [f.index, f.actor.getSnapshot().context.hopIndex])).toEqual(
      held,
    );
    expect(ctx().flights.every((f) => f.actor.getSnapshot().matches('paused'))).toBe(true);
    actor.send({ type: 'PLAY' });
    advance(clock, 200);
    expect(ctx().next).toBeGreaterThan(held.length);
  });

  it('SET_SPEED reaches the launcher and every journey in flight', async () => {
    const { actor, clock, ctx } = start(await burst(20));
    advance(clock, 25);
    actor.send({ type: 'SET_SPEED', speed: 4 });
    expect(ctx().speed).toBe(4);
    expect(ctx().flights.every((f) => f.actor.getSnapshot().context.speed === 4)).toBe(true);
    const before = ctx().next;
    advance(clock, 10);
    // 10 ms / 4: four launches' worth of gaps, capped by room.
    expect(ctx().next - before).toBeGreaterThanOrEqual(2);
  });

  it('FINISH counts everything at once, in flight or queued', async () => {
    const exchanges = await burst(30);
    const { actor, clock, ctx } = start(exchanges);
    advance(clock, 40);
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().hasTag('done')).toBe(true);
    expect(ctx().flights).toHaveLength(0);
    expect(ctx().tally.arrived).toBe(30);
    expect(ctx().tally).toEqual(addToTally(emptyTally(), exchanges));
  });

  it('a slow tick launches what the gap owes: 50 ms ticks at a 20 ms gap make 50 a second', async () => {
    const { clock, ctx } = start(await burst(120), {
      tickMs: 50,
      launchGapMs: 20,
      maxInFlight: 200,
    });
    advance(clock, 1000);
    // The first at once, then 2.5 a tick for 20 ticks.
    expect(ctx().next).toBe(51);
  });

  it('an empty burst is done at once', () => {
    const { actor } = start([]);
    expect(actor.getSnapshot().hasTag('done')).toBe(true);
  });

  it('rejections are counted as such (limit_req)', async () => {
    const exchanges = await burst(
      6,
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/m;
       server { listen 80; location / { limit_req zone=one; limit_req_status 429; proxy_pass http://127.0.0.1:3001; } }`,
    );
    const { actor } = start(exchanges);
    actor.send({ type: 'FINISH' });
    const { tally } = actor.getSnapshot().context;
    expect(tally.byStatus).toEqual({ '200': 1, '429': 5 });
    expect(tally.byOutcome).toEqual({ served: 1, rejected: 5 });
  });
});
