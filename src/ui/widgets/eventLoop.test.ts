import { describe, expect, it } from 'vitest';
import {
  columnsFor,
  CONNECTION_COUNTS,
  describeEvent,
  describeRound,
  memoryUnits,
  playRound,
  startLoop,
  UNITS,
  type ConnectionCount,
  type EventKind,
  type Round,
} from './eventLoop';

function play(count: ConnectionCount, rounds: number): Round[] {
  let state = startLoop(count);
  const played: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    const next = playRound(state);
    state = next.state;
    played.push(next.round);
  }
  return played;
}

describe('the event loop model', () => {
  it('replays the same rounds for the same number of connections', () => {
    expect(play(100, 30)).toEqual(play(100, 30));
  });

  it('numbers rounds from 1 and never changes the state it was given', () => {
    const start = startLoop(10);
    const copy = structuredClone(start);
    const { state, round } = playRound(start);
    expect(start).toEqual(copy);
    expect([round.round, state.round]).toEqual([1, 1]);
  });

  for (const count of CONNECTION_COUNTS) {
    it(`${count} connections: every one is either ready or waiting for someone, each round`, () => {
      for (const round of play(count, 40)) {
        expect(round.connections).toBe(count);
        expect(round.events.length + round.waitingForClients + round.waitingForBackends).toBe(
          count,
        );
      }
    });
  }

  it('lists a round’s ready connections in order, each once', () => {
    for (const round of play(1000, 20)) {
      const order = round.events.map((e) => e.connection);
      expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
    }
  });

  it('takes each connection through request, answer and sent, in that order, again and again', () => {
    const seen = new Map<number, EventKind[]>();
    for (const round of play(100, 120))
      for (const e of round.events)
        seen.set(e.connection, [...(seen.get(e.connection) ?? []), e.kind]);
    const cycle: EventKind[] = ['request', 'answer', 'sent'];
    for (const kinds of seen.values())
      kinds.forEach((kind, i) => expect(kind).toBe(cycle[i % cycle.length]));
    // Over 120 rounds every connection gets through at least one whole request.
    expect(seen.size).toBe(100);
    for (const kinds of seen.values()) expect(kinds.length).toBeGreaterThanOrEqual(3);
  });

  it('never has a connection ready two rounds running: every wait lasts a round or more', () => {
    const rounds = play(100, 60);
    rounds.slice(1).forEach((round, i) => {
      const before = new Set(rounds[i]!.events.map((e) => e.connection));
      for (const e of round.events) expect(before.has(e.connection)).toBe(false);
    });
  });

  it('has connections mostly waiting, as a proxy’s connections are', () => {
    const rounds = play(1000, 60);
    const ready = rounds.reduce((n, r) => n + r.events.length, 0) / rounds.length;
    expect(ready / 1000).toBeLessThan(0.25);
    expect(ready).toBeGreaterThan(0);
    const backends = rounds.reduce((n, r) => n + r.waitingForBackends, 0);
    const clients = rounds.reduce((n, r) => n + r.waitingForClients, 0);
    expect(Math.min(backends, clients)).toBeGreaterThan(0);
  });
});

describe('memory, in illustrative units', () => {
  it('grows by a whole thread per connection on one side, and by a small record on the other', () => {
    for (const count of CONNECTION_COUNTS) {
      const { threads, eventLoop } = memoryUnits(count);
      expect(threads).toBe(count * UNITS.perThread);
      expect(eventLoop).toBe(UNITS.perWorker + count * UNITS.perConnection);
      expect(threads).toBeGreaterThan(eventLoop);
    }
    expect(memoryUnits(1000).threads / memoryUnits(10).threads).toBe(100);
  });
});

describe('the figure’s words and layout', () => {
  it('names an event with the connection counted from 1', () => {
    expect(describeEvent({ connection: 36, kind: 'answer' })).toBe(
      'Connection #37: the backend’s answer arrived, so the worker starts sending it to the client.',
    );
  });

  it('narrates a round with both sides in numbers that add up', () => {
    const round: Round = {
      round: 3,
      connections: 1000,
      events: [
        { connection: 4, kind: 'request' },
        { connection: 9, kind: 'answer' },
        { connection: 12, kind: 'answer' },
      ],
      waitingForClients: 600,
      waitingForBackends: 397,
    };
    expect(describeRound(round)).toBe(
      'Round 3. Thread per connection: 1,000 threads, 3 working and 997 blocked, waiting ' +
        '(600 for clients, 397 for backends). Event loop: the worker handled 3 ready connections ' +
        'one after another (1 request in, 2 backend answers, 0 answers fully sent); ' +
        'the other 997 connections needed nothing from it.',
    );
  });

  it('says so when nothing was ready', () => {
    const text = describeRound({
      round: 1,
      connections: 10,
      events: [],
      waitingForClients: 10,
      waitingForBackends: 0,
    });
    expect(text).toContain(
      'Event loop: nothing was ready, so the worker waited for the next event.',
    );
    expect(text).toContain('10 threads, 0 working and 10 blocked');
  });

  it('lays 10, 100 and 1,000 connections out in full rows', () => {
    for (const count of CONNECTION_COUNTS) expect(count % columnsFor(count)).toBe(0);
  });
});
