/**
 * One request's journey, hop by hop, at the learner's pace. The hops and the
 * outcome come from the trace (`hops.ts`); this machine only decides which hop
 * is on screen and when the next one starts. Time comes from the actor's
 * clock (XState's `after`), so `SimulatedClock` drives it in tests, and every
 * actor keeps its own pace: nothing is shared between journeys.
 */
import { and, assertEvent, assign, setup } from 'xstate';
import type { Hop, Outcome, OutcomeKind } from '../explain';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;
/** How long one hop takes at 1×. */
export const DEFAULT_HOP_MS = 800;

export interface JourneyInput {
  hops: Hop[];
  outcome: Outcome;
  /** 0.25 to 4; 1 when absent. */
  speed?: number;
  /** Milliseconds per hop at 1×. */
  baseMs?: number;
  /** Set off at once rather than wait for PLAY (a burst's journeys, launched by the traffic machine). */
  autoplay?: boolean;
}

export interface JourneyContext {
  hops: Hop[];
  outcome: Outcome;
  /**
   * The hop on screen: the one travelled (`travelling`) or shown (`paused`);
   * `hops.length` once arrived (every hop done), 0 while waiting.
   */
  hopIndex: number;
  speed: number;
  baseMs: number;
  /** Cleared once used, so RESTART waits for PLAY like any journey. */
  autoplay: boolean;
}

export type JourneyEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP_FORWARD' }
  | { type: 'STEP_BACK' }
  /** Takes effect from the next hop: the hop under way keeps the duration it started with. */
  | { type: 'SET_SPEED'; speed: number }
  /** Jump to the end. */
  | { type: 'INSTANT' }
  | { type: 'RESTART' };

/** The arrived sub-state for each outcome. */
export const ARRIVED_STATE = {
  served: 'served',
  'served-from-cache': 'fromCache',
  'served-static': 'static',
  redirected: 'redirected',
  rejected: 'rejected',
  'upstream-failed': 'upstreamFailed',
  'timed-out': 'timedOut',
  'no-response': 'noResponse',
} as const satisfies Record<OutcomeKind, string>;

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** One arrived sub-state per outcome, entered when the outcome matches. */
const toOutcome = (kind: OutcomeKind) => ({
  guard: { type: 'outcomeIs', params: { kind } } as const,
  target: ARRIVED_STATE[kind],
});

export const journeyMachine = setup({
  types: {
    context: {} as JourneyContext,
    events: {} as JourneyEvent,
    input: {} as JourneyInput,
    tags: {} as 'moving' | 'arrived',
  },
  actions: {
    nextHop: assign({ hopIndex: ({ context }) => context.hopIndex + 1 }),
    previousHop: assign({ hopIndex: ({ context }) => Math.max(0, context.hopIndex - 1) }),
    toLastHop: assign({ hopIndex: ({ context }) => Math.max(0, context.hops.length - 1) }),
    finish: assign({ hopIndex: ({ context }) => context.hops.length }),
    rewind: assign({ hopIndex: 0 }),
    autoplayUsed: assign({ autoplay: false }),
    setSpeed: assign({
      speed: ({ event }) => {
        assertEvent(event, 'SET_SPEED');
        return clampSpeed(event.speed);
      },
    }),
  },
  guards: {
    hasHops: ({ context }) => context.hops.length > 0,
    autoplays: ({ context }) => context.autoplay,
    hasNextHop: ({ context }) => context.hopIndex + 1 < context.hops.length,
    hasPreviousHop: ({ context }) => context.hopIndex > 0,
    outcomeIs: ({ context }, params: { kind: OutcomeKind }) => context.outcome.kind === params.kind,
  },
  delays: {
    hopDuration: ({ context }) => context.baseMs / context.speed,
  },
}).createMachine({
  id: 'journey',
  context: ({ input }) => ({
    hops: input.hops,
    outcome: input.outcome,
    hopIndex: 0,
    speed: clampSpeed(input.speed ?? 1),
    baseMs: input.baseMs ?? DEFAULT_HOP_MS,
    autoplay: input.autoplay ?? false,
  }),
  initial: 'waiting',
  on: {
    SET_SPEED: { actions: 'setSpeed' },
    INSTANT: { target: '.arrived', actions: 'finish' },
    RESTART: { target: '.waiting', actions: 'rewind' },
  },
  states: {
    /** At the client, not sent yet. */
    waiting: {
      always: [
        { guard: and(['autoplays', 'hasHops']), target: 'travelling', actions: 'autoplayUsed' },
        { guard: 'autoplays', target: 'arrived', actions: ['autoplayUsed', 'finish'] },
      ],
      on: {
        PLAY: [
          { guard: 'hasHops', target: 'travelling' },
          { target: 'arrived', actions: 'finish' },
        ],
        STEP_FORWARD: [
          { guard: 'hasHops', target: 'paused' },
          { target: 'arrived', actions: 'finish' },
        ],
      },
    },
    /** Moving along `hops[hopIndex]`; the next hop starts after `baseMs / speed`. */
    travelling: {
      tags: ['moving'],
      after: {
        hopDuration: [
          { guard: 'hasNextHop', target: 'travelling', reenter: true, actions: 'nextHop' },
          { target: 'arrived', actions: 'finish' },
        ],
      },
      on: {
        PAUSE: { target: 'paused' },
        STEP_FORWARD: [
          { guard: 'hasNextHop', target: 'paused', actions: 'nextHop' },
          { target: 'arrived', actions: 'finish' },
        ],
        STEP_BACK: [
          { guard: 'hasPreviousHop', target: 'paused', actions: 'previousHop' },
          { target: 'paused' },
        ],
      },
    },
    /** Holding on `hops[hopIndex]`; PLAY travels it again from its start. */
    paused: {
      on: {
        PLAY: { target: 'travelling' },
        STEP_FORWARD: [
          { guard: 'hasNextHop', actions: 'nextHop' },
          { target: 'arrived', actions: 'finish' },
        ],
        STEP_BACK: [
          { guard: 'hasPreviousHop', actions: 'previousHop' },
          { target: 'waiting', actions: 'rewind' },
        ],
      },
    },
    /** Every hop done; the sub-state names the outcome. The actor stays alive for STEP_BACK and RESTART. */
    arrived: {
      tags: ['arrived'],
      initial: 'sorting',
      on: {
        PLAY: { target: 'travelling', actions: 'rewind' },
        STEP_BACK: [
          { guard: 'hasHops', target: 'paused', actions: 'toLastHop' },
          { target: 'waiting', actions: 'rewind' },
        ],
      },
      states: {
        sorting: {
          always: [
            toOutcome('served'),
            toOutcome('served-from-cache'),
            toOutcome('served-static'),
            toOutcome('redirected'),
            toOutcome('rejected'),
            toOutcome('upstream-failed'),
            toOutcome('timed-out'),
            { target: ARRIVED_STATE['no-response'] },
          ],
        },
        served: { type: 'final' },
        fromCache: { type: 'final' },
        static: { type: 'final' },
        redirected: { type: 'final' },
        rejected: { type: 'final' },
        upstreamFailed: { type: 'final' },
        timedOut: { type: 'final' },
        noResponse: { type: 'final' },
      },
    },
  },
});
