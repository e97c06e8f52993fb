/**
 * The sandbox controller: the one owner of a live sandbox. It owns the
 * runtime (where the proxy runs) and calls it through invoked and spawned
 * actors — loading a scenario, sending, bursts, backend changes, its stream
 * of exchanges and notices — and keeps every piece of state the panels
 * show. Panels read its snapshot and send it events; none keeps a copy.
 *
 * Three regions move independently: the runtime (starting, ready, failed),
 * the scenario (loading, refused, running) and bursts (one at a time).
 * Single requests are spawned, so one can be sent while a burst runs.
 */
import {
  assertEvent,
  assign,
  emit,
  enqueueActions,
  fromCallback,
  fromPromise,
  setup,
} from 'xstate';
// Not the explain barrel: this loads with the lesson page, which must not carry the engine.
import { addToLive, emptyLive, type LiveState } from '../explain/liveState';
import { createRuntime } from '../runtime/create-runtime';
import type {
  BackendChange,
  BackendStates,
  ConfigProblem,
  Exchange,
  LoadMode,
  LoadResult,
  RuntimeNotice,
  RuntimeScenario,
  SandboxRuntime,
} from '../runtime/types';
import type { ClientRequest } from '../scenario';

/** A scenario as the controller loads it: what the proxy runs, and which scenario it is. */
export interface SandboxScenario extends RuntimeScenario {
  /** The same id loaded again is a reload (backends keep running as they are); another id is a fresh sandbox. */
  id: string;
}

/** What became of the latest single request. */
export type SendOutcome =
  { kind: 'exchange'; exchange: Exchange } | { kind: 'failed'; message: string };

/** The latest burst: what was sent, and once answered, every exchange and how long it took. */
export interface BurstRun {
  /** Its place among the learner's actions, to tell whether a later single request replaced it on the map. */
  ticket: number;
  count: number;
  request: ClientRequest;
  /** Null while the burst is in flight. */
  exchanges: Exchange[] | null;
  elapsedMs: number | null;
  problem: string | null;
  /** Its animation on the map has ended (or was skipped): the summary may show. */
  played: boolean;
}

/** How many recent exchanges the live panels get: enough for the access log and the tabs, never a growing heap. */
export const RECENT_EXCHANGES = 200;

export interface SandboxContext {
  /** What the controller was given to run the proxy: the runtime, or the promise of one while it starts. */
  source: SandboxRuntime | Promise<SandboxRuntime>;
  runtime: SandboxRuntime | null;
  /** Where the proxy runs once known. */
  mode: 'worker' | 'page' | null;
  /** The runtime could not be had at all (not even the page fallback). */
  startError: string | null;
  /** What the learner should be told: at most one notice of each kind, the newest. */
  notices: RuntimeNotice[];
  /** The scenario asked for last. */
  scenario: SandboxScenario | null;
  /** How the scenario asked for last loads (see LoadMode). */
  loadMode: LoadMode;
  /** Why the last config was refused; null once one loads. */
  problem: ConfigProblem | null;
  /** A config is running: after a refused reload the previous one still serves, as with `nginx -s reload`. */
  serving: boolean;
  /** Every backend as the runtime reports it (stopped, slowed, failing). */
  backends: BackendStates;
  /** Why the learner's last change to a backend did not apply. */
  backendProblem: string | null;
  /** The request the form shows now (null while a field is wrong): what a burst sends. */
  request: ClientRequest | null;
  /** The latest single request's outcome, and its ticket. */
  latest: SendOutcome | null;
  latestTicket: number;
  /** The ticket of the latest single request asked for (it may not have come back yet). */
  askedTicket: number;
  burst: BurstRun | null;
  /** The last RECENT_EXCHANGES exchanges (form, console, bursts, the frame), oldest first. */
  recent: Exchange[];
  /** What the live panels show of every exchange since the scenario loaded, kept running (explain/). */
  live: LiveState;
  /** The page's clock minus the runtime's, from the newest exchange, to count TTLs down in the runtime's time. */
  clockOffset: number;
  tickets: number;
}

export type SandboxEvent =
  | { type: 'LOAD'; scenario: SandboxScenario }
  | { type: 'EDIT'; request: ClientRequest | null }
  /** `reply` hears the outcome (the curl console prints it). */
  | { type: 'SEND'; request: ClientRequest; reply?: (outcome: SendOutcome) => void }
  | { type: 'BURST'; count: number }
  /** The map has played this burst to its end. */
  | { type: 'BURST_PLAYED'; exchanges: readonly Exchange[] }
  | { type: 'SET_BACKEND'; address: string; change: BackendChange }
  | { type: 'DISMISS_NOTICES' }
  | { type: 'EXCHANGES'; exchanges: Exchange[] }
  | { type: 'NOTICE'; notice: RuntimeNotice }
  | { type: 'SENT'; ticket: number; outcome: SendOutcome }
  | { type: 'BACKENDS'; backends: BackendStates }
  | { type: 'BACKEND_FAILED'; message: string };

export type SandboxEmitted = { type: 'loaded'; result: LoadResult };

export interface SandboxInput {
  /** Where the proxy runs; by default the service worker when there is one, else the page. */
  runtime?: SandboxRuntime | Promise<SandboxRuntime>;
}

/** The burst sizes the sandbox offers (the runtime itself takes up to 10,000). */
export const BURST_SIZES = [10, 100, 1000] as const;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ends the runtime's stream of exchanges and notices into events; exchanges arrive in batches, one per task. */
const listen = fromCallback<SandboxEvent, { runtime: SandboxRuntime }>(({ input, sendBack }) => {
  // A burst's thousand exchanges arrive one by one; they reach the controller as one event, in a
  // task of their own, so the live panels never recount in the task that draws the burst's map.
  let arriving: Exchange[] = [];
  let flush: ReturnType<typeof setTimeout> | undefined;
  const stopExchanges = input.runtime.onExchange((exchange) => {
    arriving.push(exchange);
    flush ??= setTimeout(() => {
      flush = undefined;
      const exchanges = arriving;
      arriving = [];
      sendBack({ type: 'EXCHANGES', exchanges });
    }, 0);
  });
  const stopNotices = input.runtime.onNotice((notice) => sendBack({ type: 'NOTICE', notice }));
  return () => {
    clearTimeout(flush);
    stopExchanges();
    stopNotices();
  };
});

const send = fromCallback<
  SandboxEvent,
  {
    runtime: SandboxRuntime;
    request: ClientRequest;
    ticket: number;
    reply?: (o: SendOutcome) => void;
  }
>(({ input, sendBack }) => {
  let live = true;
  input.runtime
    .send(input.request)
    .then(
      (exchange) => ({ kind: 'exchange', exchange }) as const,
      (error: unknown) => ({ kind: 'failed', message: messageOf(error) }) as const,
    )
    .then((outcome) => {
      if (!live) return;
      sendBack({ type: 'SENT', ticket: input.ticket, outcome });
      input.reply?.(outcome);
    });
  return () => {
    live = false;
  };
});

const setBackend = fromCallback<
  SandboxEvent,
  { runtime: SandboxRuntime; address: string; change: BackendChange }
>(({ input, sendBack }) => {
  let live = true;
  input.runtime.setBackend(input.address, input.change).then(
    (backends) => live && sendBack({ type: 'BACKENDS', backends }),
    (error: unknown) => live && sendBack({ type: 'BACKEND_FAILED', message: messageOf(error) }),
  );
  return () => {
    live = false;
  };
});

export const sandboxMachine = setup({
  types: {
    context: {} as SandboxContext,
    events: {} as SandboxEvent,
    input: {} as SandboxInput,
    emitted: {} as SandboxEmitted,
  },
  actors: {
    startRuntime: fromPromise<
      SandboxRuntime,
      { runtime: SandboxRuntime | Promise<SandboxRuntime> }
    >(({ input }) => Promise.resolve(input.runtime)),
    loadScenario: fromPromise<
      { result: LoadResult; backends: BackendStates },
      { runtime: SandboxRuntime; scenario: SandboxScenario; mode: LoadMode }
    >(async ({ input }) => {
      const { config, backends, files } = input.scenario;
      const result = await input.runtime.load({ config, backends, files }, input.mode);
      return { result, backends: await input.runtime.backends() };
    }),
    sendBurst: fromPromise<
      { exchanges: Exchange[]; elapsedMs: number },
      { runtime: SandboxRuntime; request: ClientRequest; count: number }
    >(async ({ input }) => {
      const start = performance.now();
      const exchanges = await input.runtime.sendBurst(input.request, input.count);
      return { exchanges, elapsedMs: performance.now() - start };
    }),
    listen,
    send,
    setBackend,
  },
  actions: {
    /** Each kind of notice once: a new one replaces the old, so six restarts say it once. */
    addNotice: assign({
      notices: ({ context, event }) => {
        assertEvent(event, 'NOTICE');
        const notice = wordNotice(event.notice, context);
        return [...context.notices.filter((n) => n.kind !== notice.kind), notice];
      },
    }),
    clearNotices: assign({ notices: [] }),
    /** A new scenario or config: nothing the old one did applies any more. */
    startLoading: assign(({ context, event }) => {
      assertEvent(event, 'LOAD');
      const reload = context.scenario?.id === event.scenario.id && context.serving;
      return {
        scenario: event.scenario,
        loadMode: reload ? ('reload' as const) : ('fresh' as const),
        latest: null,
        burst: null,
        recent: [],
        live: emptyLive(),
        backendProblem: null,
      };
    }),
    record: assign(({ context, event }) => {
      assertEvent(event, 'EXCHANGES');
      const last = event.exchanges.at(-1)?.trace.at(-1);
      const recent =
        event.exchanges.length >= RECENT_EXCHANGES
          ? event.exchanges.slice(-RECENT_EXCHANGES)
          : [...context.recent, ...event.exchanges].slice(-RECENT_EXCHANGES);
      return {
        recent,
        live: addToLive(context.live, event.exchanges),
        clockOffset: last ? performance.now() - last.at : context.clockOffset,
      };
    }),
  },
  guards: {
    canSend: ({ context }) => context.runtime !== null && context.serving,
    canBurst: ({ context, event }) =>
      event.type === 'BURST' &&
      context.runtime !== null &&
      context.serving &&
      context.request !== null &&
      (BURST_SIZES as readonly number[]).includes(event.count),
    hasRuntime: ({ context }) => context.runtime !== null,
  },
}).createMachine({
  id: 'sandbox',
  type: 'parallel',
  context: ({ input }) => ({
    source: input.runtime ?? createRuntime(),
    runtime: null,
    mode: null,
    startError: null,
    notices: [],
    scenario: null,
    loadMode: 'fresh',
    problem: null,
    serving: false,
    backends: {},
    backendProblem: null,
    request: null,
    latest: null,
    latestTicket: 0,
    askedTicket: 0,
    burst: null,
    recent: [],
    live: emptyLive(),
    clockOffset: 0,
    tickets: 0,
  }),
  on: {
    DISMISS_NOTICES: { actions: 'clearNotices' },
    NOTICE: { actions: 'addNotice' },
    EDIT: { actions: assign({ request: ({ event }) => event.request }) },
    EXCHANGES: { actions: 'record' },
    SEND: [
      {
        guard: 'canSend',
        actions: enqueueActions(({ context, event, enqueue }) => {
          const ticket = context.tickets + 1;
          enqueue.assign({ tickets: ticket, askedTicket: ticket });
          enqueue.spawnChild('send', {
            input: {
              runtime: context.runtime!,
              request: event.request,
              ticket,
              reply: event.reply,
            },
          });
        }),
      },
      {
        // Whoever sent it is told at once, never left waiting (the curl console prints this).
        actions: ({ event }) =>
          event.reply?.({ kind: 'failed', message: 'the proxy is not running' }),
      },
    ],
    SENT: {
      // A slow earlier request must not overwrite the answer to a later one.
      guard: ({ context, event }) => event.ticket > context.latestTicket,
      actions: assign({
        latest: ({ event }) => event.outcome,
        latestTicket: ({ event }) => event.ticket,
      }),
    },
    SET_BACKEND: {
      guard: 'hasRuntime',
      actions: [
        assign({ backendProblem: null }),
        enqueueActions(({ context, event, enqueue }) => {
          enqueue.spawnChild('setBackend', {
            input: { runtime: context.runtime!, address: event.address, change: event.change },
          });
        }),
      ],
    },
    BURST_PLAYED: {
      guard: ({ context, event }) => context.burst?.exchanges === event.exchanges,
      actions: assign({
        burst: ({ context }) => context.burst && { ...context.burst, played: true },
      }),
    },
    BACKENDS: { actions: assign({ backends: ({ event }) => event.backends }) },
    BACKEND_FAILED: {
      actions: assign({
        backendProblem: ({ event }) => `That change did not apply: ${event.message}`,
      }),
    },
  },
  states: {
    runtime: {
      initial: 'starting',
      states: {
        starting: {
          invoke: {
            src: 'startRuntime',
            input: ({ context }) => ({ runtime: context.source }),
            onDone: {
              target: 'ready',
              actions: assign({
                runtime: ({ event }) => event.output,
                mode: ({ event }) => event.output.mode,
              }),
            },
            onError: {
              target: 'failed',
              actions: assign({ startError: ({ event }) => messageOf(event.error) }),
            },
          },
        },
        ready: {
          invoke: { src: 'listen', input: ({ context }) => ({ runtime: context.runtime! }) },
        },
        /** Not even the page could run the proxy (startError says why). */
        failed: {},
      },
    },
    scenario: {
      initial: 'idle',
      on: {
        // A scenario asked for while another loads replaces it: the older load's answer is dropped.
        LOAD: { target: '.loading', reenter: true, actions: 'startLoading' },
      },
      states: {
        idle: {},
        loading: {
          initial: 'waiting',
          states: {
            /** The runtime is still starting. */
            waiting: { always: { guard: 'hasRuntime', target: 'calling' } },
            calling: {
              invoke: {
                src: 'loadScenario',
                input: ({ context }) => ({
                  runtime: context.runtime!,
                  scenario: context.scenario!,
                  mode: context.loadMode,
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.result.ok,
                    target: '#sandbox.scenario.ready',
                    actions: [
                      assign({
                        serving: true,
                        problem: null,
                        backends: ({ event }) => event.output.backends,
                      }),
                      emit(({ event }) => ({ type: 'loaded', result: event.output.result })),
                    ],
                  },
                  {
                    target: '#sandbox.scenario.configError',
                    actions: [
                      assign({
                        problem: ({ event }) => {
                          const { result } = event.output;
                          return result.ok ? null : result.problem;
                        },
                        backends: ({ event }) => event.output.backends,
                      }),
                      emit(({ event }) => ({ type: 'loaded', result: event.output.result })),
                    ],
                  },
                ],
                onError: {
                  target: '#sandbox.scenario.failed',
                  actions: assign({
                    problem: ({ event }) => ({
                      message: `the sandbox could not load the scenario: ${messageOf(event.error)}`,
                      line: null,
                      file: 'nginx.conf',
                      refusedBy: 'sandbox',
                    }),
                  }),
                },
              },
            },
          },
        },
        /** The config was refused, in nginx's words (`problem`); `serving` says whether an older one runs. */
        configError: {},
        /** The runtime failed while loading (the worker was lost, say); `problem` says why. */
        failed: {},
        ready: {},
      },
    },
    burst: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            BURST: {
              guard: 'canBurst',
              target: 'sending',
              // Taken synchronously, so a second click finds the region busy: one burst at a time.
              actions: assign(({ context, event }) => {
                const ticket = context.tickets + 1;
                return {
                  tickets: ticket,
                  burst: {
                    ticket,
                    count: event.count,
                    request: context.request!,
                    exchanges: null,
                    elapsedMs: null,
                    problem: null,
                    played: false,
                  },
                };
              }),
            },
          },
        },
        sending: {
          invoke: {
            src: 'sendBurst',
            input: ({ context }) => ({
              runtime: context.runtime!,
              request: context.burst!.request,
              count: context.burst!.count,
            }),
            onDone: {
              target: 'idle',
              actions: assign({
                burst: ({ context, event }) =>
                  context.burst && {
                    ...context.burst,
                    exchanges: event.output.exchanges,
                    elapsedMs: event.output.elapsedMs,
                  },
              }),
            },
            onError: {
              target: 'idle',
              actions: assign({
                burst: ({ context, event }) =>
                  context.burst && { ...context.burst, problem: messageOf(event.error) },
              }),
            },
          },
          // A new scenario while a burst is in flight: its answers belong to the old one.
          on: { LOAD: { target: 'idle' } },
        },
      },
    },
  },
});

/** A notice in words for what happened: a restart while a burst ran cut that burst off. */
function wordNotice(notice: RuntimeNotice, context: SandboxContext): RuntimeNotice {
  if (notice.kind !== 'state-reset' || !context.burst) return notice;
  const cut = context.burst.exchanges === null;
  return cut
    ? {
        ...notice,
        message: `${notice.message} The burst that was running was cut off: send it again.`,
      }
    : notice;
}

/**
 * Which of the latest burst and the latest single request the map shows:
 * the one the learner asked for last, once it has come back (until then,
 * whatever was shown before).
 */
export function shownOnMap(context: SandboxContext): 'single' | 'burst' | null {
  const burst = context.burst?.exchanges ? context.burst : null;
  if (burst && burst.ticket > context.askedTicket) return 'burst';
  if (context.latest) return 'single';
  return burst ? 'burst' : null;
}
