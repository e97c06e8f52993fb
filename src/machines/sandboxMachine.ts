/**
 * The sandbox's lifecycle, as two regions that move independently: where the
 * proxy runs (the service worker, or the page as fallback) and the scenario's
 * config (loading, refused, running). It is fed by the runtime's promises and
 * notices; it decides nothing the runtime has not reported.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { ConfigProblem, RuntimeNotice } from '../runtime/types';

export interface SandboxContext {
  /** Where the proxy runs once known. */
  mode: 'worker' | 'page' | null;
  /** What the learner should be told, oldest first. */
  notices: RuntimeNotice[];
  /** The scenario asked for last. */
  scenario: string | null;
  /** Why the last config was refused; null once one loads. */
  problem: ConfigProblem | null;
  /** A config is running: after a refused reload the previous one still serves, as with `nginx -s reload`. */
  serving: boolean;
}

export type SandboxEvent =
  | { type: 'RUNTIME_READY' }
  | { type: 'RUNTIME_FALLBACK'; notice: RuntimeNotice }
  /** The page runs the proxy by choice (a test, an embed): fallback mode without a notice. */
  | { type: 'RUNTIME_IN_PAGE' }
  | { type: 'NOTICE'; notice: RuntimeNotice }
  | { type: 'DISMISS_NOTICES' }
  | { type: 'LOAD'; scenario: string }
  | { type: 'LOADED' }
  | { type: 'LOAD_FAILED'; problem: ConfigProblem };

export const sandboxMachine = setup({
  types: {
    context: {} as SandboxContext,
    events: {} as SandboxEvent,
  },
  actions: {
    useWorker: assign({ mode: 'worker' }),
    useFallback: assign({ mode: 'page' }),
    addNotice: assign({
      notices: ({ context, event }) => {
        assertEvent(event, ['NOTICE', 'RUNTIME_FALLBACK']);
        return [...context.notices, event.notice];
      },
    }),
    clearNotices: assign({ notices: [] }),
    rememberScenario: assign({
      scenario: ({ event }) => {
        assertEvent(event, 'LOAD');
        return event.scenario;
      },
    }),
    startServing: assign({ serving: true, problem: null }),
    rememberProblem: assign({
      problem: ({ event }) => {
        assertEvent(event, 'LOAD_FAILED');
        return event.problem;
      },
    }),
  },
  guards: {
    isFallbackNotice: ({ event }) => event.type === 'NOTICE' && event.notice.kind === 'fallback',
  },
}).createMachine({
  id: 'sandbox',
  type: 'parallel',
  context: { mode: null, notices: [], scenario: null, problem: null, serving: false },
  on: {
    DISMISS_NOTICES: { actions: 'clearNotices' },
  },
  states: {
    worker: {
      initial: 'starting',
      // Notices are kept here, the one region that handles them, so each is kept once.
      on: {
        RUNTIME_FALLBACK: { target: '.fallback', actions: ['useFallback', 'addNotice'] },
        RUNTIME_IN_PAGE: { target: '.fallback', actions: 'useFallback' },
        NOTICE: [
          { guard: 'isFallbackNotice', target: '.fallback', actions: ['useFallback', 'addNotice'] },
          { actions: 'addNotice' },
        ],
      },
      states: {
        starting: {
          on: { RUNTIME_READY: { target: 'ready', actions: 'useWorker' } },
        },
        /** The service worker runs the proxy. It can still be lost, which lands in fallback. */
        ready: {},
        /** The page runs the proxy; everything but the browser-frame view works the same. */
        fallback: {},
      },
    },
    scenario: {
      initial: 'idle',
      on: {
        LOAD: { target: '.loading', actions: 'rememberScenario' },
      },
      states: {
        idle: {},
        loading: {
          on: {
            LOADED: { target: 'ready', actions: 'startServing' },
            LOAD_FAILED: { target: 'configError', actions: 'rememberProblem' },
          },
        },
        /** The config was refused, in nginx's words (`problem`); `serving` says whether an older one runs. */
        configError: {},
        ready: {},
      },
    },
  },
});
