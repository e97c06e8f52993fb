/**
 * The model behind the "event loop" figure (lesson 17): the same connections
 * served two ways, a thread for each against one nginx worker's event loop,
 * advanced one round at a time. Every connection spends most rounds waiting
 * for its client or its backend; in a round where something arrives it is
 * ready, and needs a moment of work. Pure and deterministic (each connection
 * has its own seeded generator), so the figure, its narration and the tests
 * all see the same thing. Memory is counted in made-up units that show the
 * shape, not a measurement.
 */
import { mulberry32 } from '../../http/mulberry32';

export const CONNECTION_COUNTS = [10, 100, 1000] as const;
export type ConnectionCount = (typeof CONNECTION_COUNTS)[number];

/** Who a connection is waiting for. */
export type Waiting = 'client' | 'backend';

/**
 * What ends a wait, in the order a proxied request goes through them:
 * the client's request has arrived (pass it to the backend), the backend's
 * answer has arrived (start sending it), the client has taken the answer
 * (wait for its next request on the same connection).
 */
export type EventKind = 'request' | 'answer' | 'sent';

export interface Connection {
  waiting: Waiting;
  /** The event that ends this wait. */
  next: EventKind;
  /** Rounds until it happens: 0 means it is ready in the coming round. */
  left: number;
  /** This connection's generator state. */
  seed: number;
}

export interface LoopState {
  /** Rounds played so far. */
  round: number;
  connections: readonly Connection[];
}

export interface ReadyEvent {
  /** 0-based; shown to people as `#index+1`. */
  connection: number;
  kind: EventKind;
}

export interface Round {
  /** 1-based. */
  round: number;
  connections: ConnectionCount;
  /** Ready this round, in connection order: the order the worker handles them in. */
  events: readonly ReadyEvent[];
  /** The others, blocked this round: how many waited for their client and for their backend. */
  waitingForClients: number;
  waitingForBackends: number;
}

/** How many rounds each wait lasts: [least, most]. Clients are the slowest part. */
const WAIT_ROUNDS: Record<EventKind, readonly [number, number]> = {
  request: [3, 14],
  answer: [2, 9],
  sent: [2, 8],
};

/** After each event, what the connection waits for next. */
const AFTER: Record<EventKind, { waiting: Waiting; next: EventKind }> = {
  request: { waiting: 'backend', next: 'answer' },
  answer: { waiting: 'client', next: 'sent' },
  sent: { waiting: 'client', next: 'request' },
};

/** One step of the seeded generator: the next state (kept as a signed 32-bit number) and a number in [0, 1). */
function draw(seed: number): [number, number] {
  const { state, value } = mulberry32(seed);
  return [state | 0, value / 4294967296];
}

function roundsFor(kind: EventKind, seed: number): [number, number] {
  const [next, r] = draw(seed);
  const [least, most] = WAIT_ROUNDS[kind];
  return [next, least + Math.floor(r * (most - least + 1))];
}

/** The first requests arrive within this many rounds, so the figure does not start idle. */
const FIRST_ROUNDS = 6;

/** `count` connections, each waiting for its client's first request; their first events are spread out. */
export function startLoop(count: ConnectionCount): LoopState {
  const connections = Array.from({ length: count }, (_, i): Connection => {
    const [seed, r] = draw(Math.imul(i + 1, 0x9e3779b1));
    return {
      waiting: 'client',
      next: 'request',
      left: Math.floor(r * FIRST_ROUNDS),
      seed,
    };
  });
  return { round: 0, connections };
}

/** Plays one round: the ready connections are handled and start their next wait; the others wait a round less. */
export function playRound(state: LoopState): { state: LoopState; round: Round } {
  const events: ReadyEvent[] = [];
  let waitingForClients = 0;
  const connections = state.connections.map((c, i): Connection => {
    if (c.left > 0) {
      if (c.waiting === 'client') waitingForClients++;
      return { ...c, left: c.left - 1 };
    }
    events.push({ connection: i, kind: c.next });
    const then = AFTER[c.next];
    const [seed, rounds] = roundsFor(then.next, c.seed);
    // Ready again `rounds` rounds from now: `left` counts the rounds in between.
    return { ...then, left: rounds - 1, seed };
  });
  const count = state.connections.length as ConnectionCount;
  const round = state.round + 1;
  return {
    state: { round, connections },
    round: {
      round,
      connections: count,
      events,
      waitingForClients,
      waitingForBackends: count - events.length - waitingForClients,
    },
  };
}

/** Memory in illustrative units: what each side holds for `count` connections. */
export const UNITS = {
  /** A thread's own stack and bookkeeping, whether it works or waits. */
  perThread: 64,
  /** The small record and buffers a worker keeps for one connection. */
  perConnection: 2,
  /** The worker process itself. */
  perWorker: 64,
} as const;

export function memoryUnits(count: number): { threads: number; eventLoop: number } {
  return {
    threads: count * UNITS.perThread,
    eventLoop: UNITS.perWorker + count * UNITS.perConnection,
  };
}

/** Columns for the grid of connections: one row of 10, 5 rows of 20, 20 rows of 50. */
export function columnsFor(count: ConnectionCount): number {
  return count === 10 ? 10 : count === 100 ? 20 : 50;
}

const DOING: Record<EventKind, string> = {
  request: 'its request arrived, so the worker passes it to the backend',
  answer: 'the backend’s answer arrived, so the worker starts sending it to the client',
  sent: 'the client has taken the whole answer, so the connection waits for its next request',
};

/** One event as the figure names it: `Connection #37: the backend’s answer arrived, …`. */
export function describeEvent(event: ReadyEvent): string {
  return `Connection #${event.connection + 1}: ${DOING[event.kind]}.`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** What the live region says after a round: both sides, in numbers. */
export function describeRound(round: Round): string {
  const ready = round.events.length;
  const idle = round.connections - ready;
  const kinds = (kind: EventKind) => round.events.filter((e) => e.kind === kind).length;
  const loop =
    ready === 0
      ? 'nothing was ready, so the worker waited for the next event.'
      : `the worker handled ${plural(ready, 'ready connection', 'ready connections')} one after another ` +
        `(${plural(kinds('request'), 'request', 'requests')} in, ` +
        `${plural(kinds('answer'), 'backend answer', 'backend answers')}, ` +
        `${plural(kinds('sent'), 'answer', 'answers')} fully sent); ` +
        `the other ${formatCount(idle)} connections needed nothing from it.`;
  return (
    `Round ${formatCount(round.round)}. ` +
    `Thread per connection: ${plural(round.connections, 'thread', 'threads')}, ` +
    `${formatCount(ready)} working and ${formatCount(idle)} blocked, waiting ` +
    `(${formatCount(round.waitingForClients)} for clients, ${formatCount(round.waitingForBackends)} for backends). ` +
    `Event loop: ${loop}`
  );
}
