/**
 * A fix-the-config question, answered: `editing` → CHECK → `checking` (the
 * learner's config on a fresh proxy) → `passed | failed`; editing again goes
 * back to `editing`. Each checked config is emitted as `answered`; a saved
 * answer given as input starts the actor passed or failed. The checks are the
 * `runChecks` actor, which tests replace with `.provide({ actors })`.
 */
import { assertEvent, assign, emit, fromPromise, setup } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import type { ChecksOutcome } from '../run-quiz';
import type { LessonScenario } from '../../course/types';
import type { AnsweredEvent } from '../question';
import type { FixQuestion } from './schema';

export interface ChecksInput {
  config: string;
  scenario: LessonScenario;
  checks: FixQuestion['checks'];
}

export interface FixInput {
  question: FixQuestion;
  /** The lesson's scenario: the checks use its backends and files. */
  scenario: LessonScenario;
  /** An answer kept from an earlier visit: the actor starts passed or failed. */
  saved?: QuizAnswer | null;
}

export interface FixContext {
  question: FixQuestion;
  scenario: LessonScenario;
  /** Whether the last check passed; null until checked. */
  correct: boolean | null;
  /** Why the last check could not be run. */
  error: string | null;
  /** The config in the editor. */
  config: string;
  /** The config the last check ran on. */
  checked: string | null;
  /** The last check's results; null before one (and for an answer from an earlier visit). */
  report: ChecksOutcome | null;
  /** Checks that did not pass, counted so the hint shows from the first. */
  failures: number;
  solutionShown: boolean;
}

export type FixEvent =
  /** Run the checks on the config. */
  | { type: 'CHECK' }
  | { type: 'EDIT'; config: string }
  /** Back to the config the question started from. */
  | { type: 'RESET' }
  | { type: 'SHOW_SOLUTION' };

function initialContext({ question, scenario, saved }: FixInput): FixContext {
  const context: FixContext = {
    question,
    scenario,
    correct: null,
    error: null,
    config: question.config,
    checked: null,
    report: null,
    failures: 0,
    solutionShown: false,
  };
  if (!saved || saved.value.length !== 1) return context;
  const config = saved.value[0] ?? question.config;
  return {
    ...context,
    config,
    checked: config,
    correct: saved.correct,
    failures: saved.correct ? 0 : 1,
  };
}

function checksInput({ question, scenario, checked, config }: FixContext): ChecksInput {
  return { config: checked ?? config, scenario, checks: question.checks };
}

export const fixMachine = setup({
  types: {
    context: {} as FixContext,
    events: {} as FixEvent,
    input: {} as FixInput,
    emitted: {} as AnsweredEvent,
  },
  actors: {
    // The engine loads with the first check, not with the lesson page.
    runChecks: fromPromise<ChecksOutcome, ChecksInput>(async ({ input }) => {
      const { runChecks } = await import('../run-quiz');
      return runChecks(input.config, input.scenario, input.checks);
    }),
  },
  actions: {
    edit: assign({
      config: ({ event }) => {
        assertEvent(event, 'EDIT');
        return event.config;
      },
    }),
    resetConfig: assign({ config: ({ context }) => context.question.config }),
    startCheck: assign({ checked: ({ context }) => context.config, error: null }),
    keepReport: assign(({ context }, report: ChecksOutcome) => ({
      report,
      correct: report.ok,
      failures: report.ok ? context.failures : context.failures + 1,
    })),
    rememberError: assign((_, { error }: { error: unknown }) => ({
      error: error instanceof Error ? error.message : String(error),
    })),
    clearError: assign({ error: null }),
    showSolution: assign({ solutionShown: true }),
    emitAnswer: emit(({ context }): AnsweredEvent => ({
      type: 'answered',
      answer: { correct: context.correct === true, value: [context.checked ?? context.config] },
    })),
  },
  guards: {
    wasAnswered: ({ context }) => context.correct !== null,
    isCorrect: ({ context }) => context.correct === true,
    checksPassed: (_, report: ChecksOutcome) => report.ok,
  },
}).createMachine({
  id: 'fix',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  // From any state but `checking`: the learner edits, starts over or checks again.
  on: {
    EDIT: { target: '.editing', actions: ['edit', 'clearError'] },
    RESET: { target: '.editing', actions: ['resetConfig', 'clearError'] },
    CHECK: { target: '.checking', actions: 'startCheck' },
    SHOW_SOLUTION: { actions: 'showSolution' },
  },
  states: {
    start: {
      always: [
        { guard: 'isCorrect', target: 'passed' },
        { guard: 'wasAnswered', target: 'failed' },
        { target: 'editing' },
      ],
    },
    editing: {},
    checking: {
      // Typing goes on while the checks run; they run on the config as it was.
      on: { EDIT: { actions: 'edit' }, RESET: { actions: 'resetConfig' }, CHECK: {} },
      invoke: {
        src: 'runChecks',
        input: ({ context }) => checksInput(context),
        onDone: [
          {
            guard: { type: 'checksPassed', params: ({ event }) => event.output },
            target: 'passed',
            actions: [{ type: 'keepReport', params: ({ event }) => event.output }, 'emitAnswer'],
          },
          {
            target: 'failed',
            actions: [{ type: 'keepReport', params: ({ event }) => event.output }, 'emitAnswer'],
          },
        ],
        onError: {
          target: 'error',
          actions: { type: 'rememberError', params: ({ event }) => ({ error: event.error }) },
        },
      },
    },
    /** The checks could not be run (not a failed check): `error` says why; CHECK retries. */
    error: {},
    passed: { tags: 'answered' },
    failed: { tags: 'answered' },
  },
});
