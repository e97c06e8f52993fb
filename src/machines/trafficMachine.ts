/**
 * A burst on screen: many journeys at once, each its own journey actor (so
 * each keeps its own pace and hop), launched a few at a time. At most
 * `maxInFlight` are alive together; the rest wait in the queue, which keeps
 * the drawing to a fixed pool of packets however large the burst. Arrived
 * journeys are counted into a tally (explain/'s addToTally: by outcome,
 * status and who answered), then stopped.
 *
 * The machine ticks every `tickMs`: each tick sweeps the arrived journeys
 * out and launches as many as `launchGapMs / speed` apart would have in that
 * time (a credit carried from tick to tick), so the pace holds even when the
 * page's timers fire late or in batches. Time is the actor's clock, so
 * SimulatedClock drives the tests as it does the journey machine's.
 */
import { assertEvent, assign, enqueueActions, setup, type ActorRefFrom } from 'xstate';
import type { Exchange } from '../runtime/types';
import { addToTally, emptyTally, journeyOf, type Tally } from '../explain';
import { clampSpeed, journeyMachine } from './journeyMachine';

/** One journey on screen. */
export interface Flight {
  /** The order it was sent in, from 0. */
  index: number;
  exchange: Exchange;
  actor: ActorRefFrom<typeof journeyMachine>;
}

export interface TrafficInput {
  exchanges: readonly Exchange[];
  speed?: number;
  /** Milliseconds per hop at 1×; a burst moves faster than a single request. */
  baseMs?: number;
  /** Milliseconds between two launches at 1×. */
  launchGapMs?: number;
  /** How often the machine sweeps and launches. */
  tickMs?: number;
  maxInFlight?: number;
}

export interface TrafficContext {
  exchanges: readonly Exchange[];
  /** The next exchange to launch. */
  next: number;
  flights: Flight[];
  /** What the arrived journeys did, counted by explain/ so every panel counts alike. */
  tally: Tally;
  speed: number;
  baseMs: number;
  launchGapMs: number;
  tickMs: number;
  /** Launches owed: grows by `tickMs * speed / launchGapMs` a tick, one spent per launch. */
  credit: number;
  maxInFlight: number;
}

export type TrafficEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'SET_SPEED'; speed: number }
  /** Count every journey as arrived and stop drawing them. */
  | { type: 'FINISH' };

export const BURST_HOP_MS = 300;
export const LAUNCH_GAP_MS = 20;
export const TICK_MS = 50;
export const MAX_IN_FLIGHT = 100;

const arrivedFlight = (f: Flight) => f.actor.getSnapshot().hasTag('arrived');

export const trafficMachine = setup({
  types: {
    context: {} as TrafficContext,
    events: {} as TrafficEvent,
    input: {} as TrafficInput,
    tags: {} as 'done',
  },
  actors: { journey: journeyMachine },
  actions: {
    /** Counts the arrived journeys, stops them, and launches the next one if there is room. */
    sweepAndLaunch: enqueueActions(({ context, enqueue }) => {
      const arrived = context.flights.filter(arrivedFlight);
      for (const f of arrived) enqueue.stopChild(f.actor);
      const staying = context.flights.filter((f) => !arrived.includes(f));
      const room = Math.max(0, context.maxInFlight - staying.length);
      const left = context.exchanges.length - context.next;
      const launches = Math.min(room, left, Math.floor(context.credit));
      enqueue.assign(({ spawn }) => {
        const flights = [...staying];
        for (let n = 0; n < launches; n++) {
          const index = context.next + n;
          const exchange = context.exchanges[index]!;
          const { hops, outcome } = journeyOf(exchange);
          const actor = spawn('journey', {
            id: `flight-${index}`,
            input: {
              hops,
              outcome,
              speed: context.speed,
              baseMs: context.baseMs,
              autoplay: true,
            },
          });
          flights.push({ index, exchange, actor });
        }
        // Credit does not pile up while there is no room, or a full pool would release a flood.
        const credit = context.credit - launches;
        return {
          flights,
          next: context.next + launches,
          credit: launches < Math.floor(context.credit) ? Math.min(credit, 1) : credit,
          tally: arrived.length
            ? addToTally(
                context.tally,
                arrived.map((f) => f.exchange),
              )
            : context.tally,
        };
      });
    }),
    earnCredit: assign({
      credit: ({ context }) =>
        context.credit + (context.tickMs * context.speed) / context.launchGapMs,
    }),
    pauseFlights: enqueueActions(({ context, enqueue }) => {
      for (const f of context.flights) enqueue.sendTo(f.actor, { type: 'PAUSE' });
    }),
    playFlights: enqueueActions(({ context, enqueue }) => {
      for (const f of context.flights) enqueue.sendTo(f.actor, { type: 'PLAY' });
    }),
    setSpeed: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'SET_SPEED');
      const speed = clampSpeed(event.speed);
      enqueue.assign({ speed });
      for (const f of context.flights) enqueue.sendTo(f.actor, { type: 'SET_SPEED', speed });
    }),
    finishAll: enqueueActions(({ context, enqueue }) => {
      for (const f of context.flights) enqueue.stopChild(f.actor);
      enqueue.assign({
        flights: [],
        next: context.exchanges.length,
        tally: addToTally(context.tally, [
          ...context.flights.map((f) => f.exchange),
          ...context.exchanges.slice(context.next),
        ]),
      });
    }),
  },
  guards: {
    allArrived: ({ context }) =>
      context.next >= context.exchanges.length && context.flights.length === 0,
  },
  delays: {
    tick: ({ context }) => context.tickMs,
  },
}).createMachine({
  id: 'traffic',
  context: ({ input }) => ({
    exchanges: input.exchanges,
    next: 0,
    flights: [],
    tally: emptyTally(),
    speed: clampSpeed(input.speed ?? 1),
    baseMs: input.baseMs ?? BURST_HOP_MS,
    launchGapMs: input.launchGapMs ?? LAUNCH_GAP_MS,
    tickMs: input.tickMs ?? TICK_MS,
    // The first journey sets off at once.
    credit: 1,
    maxInFlight: input.maxInFlight ?? MAX_IN_FLIGHT,
  }),
  initial: 'running',
  on: {
    SET_SPEED: { actions: 'setSpeed' },
    FINISH: { target: '.done', actions: 'finishAll' },
  },
  states: {
    running: {
      entry: 'sweepAndLaunch',
      always: { guard: 'allArrived', target: 'done' },
      after: { tick: { target: 'running', reenter: true, actions: 'earnCredit' } },
      on: { PAUSE: { target: 'paused', actions: 'pauseFlights' } },
    },
    /** Nothing launches and every journey holds its hop; PLAY travels each hop again from its start. */
    paused: {
      on: { PLAY: { target: 'running', actions: 'playFlights' } },
    },
    /** Every journey counted. */
    done: { tags: ['done'] },
  },
});

export type TrafficActor = ActorRefFrom<typeof trafficMachine>;
