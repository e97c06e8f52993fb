import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { Hop, Journey, Outcome } from '../explain';
import { journeyMachine, type JourneyInput } from './journeyMachine';
import { scenario } from '../explain/test-support';

const BASE = 800;

/** A journey of `n` hops (their content does not matter to pacing). */
function hops(n: number): Hop[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `1.${i}`,
    from: 'proxy',
    to: 'proxy',
    kind: 'match',
    label: `hop ${i}`,
    detail: '',
    events: [],
    at: 0,
  }));
}
/**
 * Lets `ms` pass as real time would, 10 ms at a time: SimulatedClock times a
 * timer set while it fires from the end of the jump, so one big jump would
 * move a journey only one hop.
 */
function advance(clock: SimulatedClock, ms: number) {
  for (let left = ms; left > 0; left -= 10) clock.increment(Math.min(10, left));
}

const served: Outcome = { kind: 'served', status: 200, reason: 'answered' };

function start(input: Partial<JourneyInput> = {}, clock = new SimulatedClock()) {
  const actor = createActor(journeyMachine, {
    input: { hops: hops(4), outcome: served, baseMs: BASE, ...input },
    clock,
  }).start();
  const at = () => {
    const s = actor.getSnapshot();
    return { state: s.value, hop: s.context.hopIndex };
  };
  return { actor, clock, at };
}

describe('journey pacing', () => {
  it('waits for PLAY, then moves one hop per baseMs / speed and arrives', () => {
    const { actor, clock, at } = start();
    expect(at()).toEqual({ state: 'waiting', hop: 0 });
    advance(clock, 5 * BASE);
    expect(at()).toEqual({ state: 'waiting', hop: 0 });

    actor.send({ type: 'PLAY' });
    expect(at()).toEqual({ state: 'travelling', hop: 0 });
    expect(actor.getSnapshot().hasTag('moving')).toBe(true);
    advance(clock, BASE - 1);
    expect(at().hop).toBe(0);
    advance(clock, 1);
    expect(at()).toEqual({ state: 'travelling', hop: 1 });
    advance(clock, 2 * BASE);
    expect(at()).toEqual({ state: 'travelling', hop: 3 });
    advance(clock, BASE);
    expect(at()).toEqual({ state: { arrived: 'served' }, hop: 4 });
    expect(actor.getSnapshot().hasTag('arrived')).toBe(true);
    expect(actor.getSnapshot().hasTag('moving')).toBe(false);
  });

  it('at 2× a hop takes half as long; at 0.25× four times as long', () => {
    const fast = start({ speed: 2 });
    fast.actor.send({ type: 'PLAY' });
    advance(fast.clock, BASE / 2);
    expect(fast.at().hop).toBe(1);

    const slow = start();
    slow.actor.send({ type: 'SET_SPEED', speed: 0.25 });
    slow.actor.send({ type: 'PLAY' });
    advance(slow.clock, 4 * BASE - 1);
    expect(slow.at().hop).toBe(0);
    advance(slow.clock, 1);
    expect(slow.at().hop).toBe(1);
  });

  it('clamps the speed to 0.25–4', () => {
    const { actor } = start({ speed: 10 });
    expect(actor.getSnapshot().context.speed).toBe(4);
    actor.send({ type: 'SET_SPEED', speed: 0.01 });
    expect(actor.getSnapshot().context.speed).toBe(0.25);
    actor.send({ type: 'SET_SPEED', speed: Number.NaN });
    expect(actor.getSnapshot().context.speed).toBe(1);
  });

  it('a new speed applies from the next hop', () => {
    const { actor, clock, at } = start();
    actor.send({ type: 'PLAY' });
    advance(clock, BASE / 2);
    actor.send({ type: 'SET_SPEED', speed: 4 });
    advance(clock, BASE / 2);
    expect(at().hop).toBe(1);
    advance(clock, BASE / 4);
    expect(at().hop).toBe(2);
  });

  it('PAUSE stops the clock from moving it; PLAY travels the hop again', () => {
    const { actor, clock, at } = start();
    actor.send({ type: 'PLAY' });
    advance(clock, BASE + BASE / 2);
    actor.send({ type: 'PAUSE' });
    expect(at()).toEqual({ state: 'paused', hop: 1 });
    advance(clock, 10 * BASE);
    expect(at()).toEqual({ state: 'paused', hop: 1 });
    actor.send({ type: 'PLAY' });
    advance(clock, BASE - 1);
    expect(at()).toEqual({ state: 'travelling', hop: 1 });
    advance(clock, 1);
    expect(at().hop).toBe(2);
  });

  it('steps forward and back through the hops', () => {
    const { actor, at } = start({ hops: hops(3) });
    actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toEqual({ state: 'paused', hop: 0 });
    actor.send({ type: 'STEP_FORWARD' });
    actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toEqual({ state: 'paused', hop: 2 });
    actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toEqual({ state: { arrived: 'served' }, hop: 3 });
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toEqual({ state: 'paused', hop: 2 });
    actor.send({ type: 'STEP_BACK' });
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toEqual({ state: 'paused', hop: 0 });
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toEqual({ state: 'waiting', hop: 0 });
  });

  it('a step while travelling pauses on the hop it lands on', () => {
    const { actor, clock, at } = start();
    actor.send({ type: 'PLAY' });
    advance(clock, BASE);
    actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toEqual({ state: 'paused', hop: 2 });
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toEqual({ state: 'paused', hop: 1 });
    advance(clock, 10 * BASE);
    expect(at().hop).toBe(1);
  });

  it('INSTANT jumps to the end from anywhere; RESTART goes back to the start', () => {
    const { actor, clock, at } = start();
    actor.send({ type: 'PLAY' });
    advance(clock, BASE);
    actor.send({ type: 'INSTANT' });
    expect(at()).toEqual({ state: { arrived: 'served' }, hop: 4 });
    advance(clock, 10 * BASE);
    expect(at().hop).toBe(4);
    actor.send({ type: 'RESTART' });
    expect(at()).toEqual({ state: 'waiting', hop: 0 });
    actor.send({ type: 'PLAY' });
    advance(clock, BASE);
    expect(at()).toEqual({ state: 'travelling', hop: 1 });
  });

  it('PLAY after arriving plays the journey again from the first hop', () => {
    const { actor, at } = start();
    actor.send({ type: 'INSTANT' });
    actor.send({ type: 'PLAY' });
    expect(at()).toEqual({ state: 'travelling', hop: 0 });
  });

  it('a journey with no hops arrives at once', () => {
    const { actor, at } = start({
      hops: [],
      outcome: { kind: 'no-response', status: null, reason: 'x' },
    });
    actor.send({ type: 'PLAY' });
    expect(at()).toEqual({ state: { arrived: 'noResponse' }, hop: 0 });
  });

  it('journeys at different speeds on one clock keep their own pace', () => {
    const clock = new SimulatedClock();
    const a = start({ speed: 1 }, clock);
    const b = start({ speed: 2 }, clock);
    const c = start({ speed: 0.5 }, clock);
    a.actor.send({ type: 'PLAY' });
    b.actor.send({ type: 'PLAY' });
    c.actor.send({ type: 'PLAY' });
    advance(clock, BASE);
    expect([a.at().hop, b.at().hop, c.at().hop]).toEqual([1, 2, 0]);
    b.actor.send({ type: 'PAUSE' });
    a.actor.send({ type: 'SET_SPEED', speed: 2 });
    advance(clock, BASE);
    expect([a.at(), b.at(), c.at()]).toEqual([
      { state: 'travelling', hop: 2 },
      { state: 'paused', hop: 2 },
      { state: 'travelling', hop: 1 },
    ]);
    expect(b.actor.getSnapshot().context.speed).toBe(2);
    expect(c.actor.getSnapshot().context.speed).toBe(0.5);
  });
});

describe('journeys of real exchanges end in their outcome', () => {
  const arrivedAt = (journey: Journey) => {
    const actor = createActor(journeyMachine, {
      input: { hops: journey.hops, outcome: journey.outcome },
      clock: new SimulatedClock(),
    }).start();
    actor.send({ type: 'INSTANT' });
    return actor.getSnapshot().value;
  };

  it('cache miss, then hit', async () => {
    const { send } = scenario(
      `proxy_cache_path /tmp/c keys_zone=c:1m;
      server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_cache c; } }`,
      { '127.0.0.1:3000': { name: 'app', app: 'caching' } },
    );
    expect(arrivedAt(await send('http://example.com/max-age'))).toEqual({ arrived: 'served' });
    expect(arrivedAt(await send('http://example.com/max-age'))).toEqual({ arrived: 'fromCache' });
  });

  it('static, redirect, rejected, failed, timed out, no response', async () => {
    const { send } = scenario(
      `limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;
      server {
        listen 80; root /srv;
        location /file { try_files $uri =404; }
        location /old { return 301 /new; }
        location /limited { limit_req zone=one; proxy_pass http://127.0.0.1:3000; }
        location /down { proxy_pass http://127.0.0.1:3001; }
        location /slow { proxy_pass http://127.0.0.1:3002; proxy_read_timeout 1s; }
      }`,
      {
        '127.0.0.1:3000': { name: 'a' },
        '127.0.0.1:3001': { name: 'b', down: true },
        '127.0.0.1:3002': { name: 'c', app: 'slow' },
      },
      { '/srv/file': 'hi' },
    );
    expect(arrivedAt(await send('http://example.com/file'))).toEqual({ arrived: 'static' });
    expect(arrivedAt(await send('http://example.com/old'))).toEqual({ arrived: 'redirected' });
    expect(arrivedAt(await send('http://example.com/limited'))).toEqual({ arrived: 'served' });
    expect(arrivedAt(await send('http://example.com/limited'))).toEqual({ arrived: 'rejected' });
    expect(arrivedAt(await send('http://example.com/down'))).toEqual({
      arrived: 'upstreamFailed',
    });
    expect(arrivedAt(await send('http://example.com/slow'))).toEqual({ arrived: 'timedOut' });
    expect(arrivedAt(await send('http://example.com:9/'))).toEqual({ arrived: 'noResponse' });
  });
});

describe('autoplay (a burst journey)', () => {
  it('sets off without PLAY, and after RESTART waits like any journey', () => {
    const { actor, clock, at } = start({ autoplay: true });
    expect(at()).toEqual({ state: 'travelling', hop: 0 });
    advance(clock, 4 * BASE);
    expect(at()).toEqual({ state: { arrived: 'served' }, hop: 4 });
    actor.send({ type: 'RESTART' });
    advance(clock, 2 * BASE);
    expect(at()).toEqual({ state: 'waiting', hop: 0 });
  });

  it('a journey with no hops arrives at once', () => {
    const { at } = start({ autoplay: true, hops: [] });
    expect(at()).toEqual({ state: { arrived: 'served' }, hop: 0 });
  });
});
