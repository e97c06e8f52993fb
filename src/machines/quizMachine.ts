/**
 * One quiz question, answered: an actor per question, whatever its kind.
 *
 * - single / multiple: `choice.unanswered` → CHECK → `choice.answered.correct | incorrect`.
 * - predict: `predict.choosing` → RUN (once a prediction is chosen) → `predict.running`
 *   (the engine runs the question's requests) → `predict.revealed.correct | incorrect`;
 *   a run that throws lands in `predict.error` (RETRY). REPLAY runs it again to watch.
 * - fix: `fix.editing` → CHECK → `fix.checking` (the learner's config on a fresh proxy)
 *   → `fix.passed | failed`; editing again goes back to `fix.editing`.
 *
 * Each answer is emitted as `answered` for the course to keep; a saved answer given
 * as input starts the actor answered. The runs are the `observe` and `runChecks`
 * actors, which tests replace with `.provide({ actors })`.
 */
import { assertEvent, assign, emit, fromPromise, setup } from 'xstate';
import type { QuizAnswer } from '../course/quiz-answer';
import type { ChecksOutcome, Observed } from '../course/run-quiz';
import type {
  FixQuestion,
  LessonRequest,
  LessonScenario,
  Observation,
  Question,
} from '../course/types';
import type { Exchange } from '../runtime/types';

export interface ObserveInput {
  scenario: LessonScenario;
  before: LessonRequest[];
  request: LessonRequest;
  observe: Observation;
}

export interface ChecksInput {
  config: string;
  scenario: LessonScenario;
  checks: FixQuestion['checks'];
}

export interface QuizInput {
  question: Question;
  /** The lesson's scenario: predict questions run on it, fix questions use its backends and files. */
  scenario: LessonScenario;
  /** An answer kept from an earlier visit: the actor starts answered. */
  saved?: QuizAnswer | null;
}

export interface QuizContext {
  question: Question;
  scenario: LessonScenario;
  /** Positions of the chosen choices (single and predict: at most one). */
  selected: number[];
  /** Whether the answer was right; null until answered. */
  correct: boolean | null;
  /** Predict: what the run produced (restored: what the lesson says it produces). */
  observed: string | null;
  /** Predict: the predicted request's exchange, and those sent before it; null until run. */
  exchange: Exchange | null;
  earlier: Exchange[];
  /** Why the last run could not be made. */
  error: string | null;
  /** Fix: the config in the editor. */
  config: string;
  /** Fix: the config the last check ran on. */
  checked: string | null;
  /** Fix: the last check's results; null before one (and for an answer from an earlier visit). */
  report: ChecksOutcome | null;
  /** Fix: checks that did not pass, counted so the hint shows from the first. */
  failures: number;
  solutionShown: boolean;
}

export type QuizEvent =
  /** Single and predict: this choice, instead of any other. */
  | { type: 'CHOOSE'; index: number }
  /** Multiple: tick or untick this choice. */
  | { type: 'TOGGLE'; index: number }
  /** Choice questions: answer. Fix: run the checks on the config. */
  | { type: 'CHECK' }
  /** Predict: send the requests and see. */
  | { type: 'RUN' }
  /** Predict, once revealed: run it again to watch the journey. */
  | { type: 'REPLAY' }
  /** Predict, after a run that could not be made: try it again (fix: CHECK again). */
  | { type: 'RETRY' }
  | { type: 'EDIT'; config: string }
  /** Fix: back to the config the question started from. */
  | { type: 'RESET' }
  | { type: 'SHOW_SOLUTION' };

export type QuizEmitted = { type: 'answered'; answer: QuizAnswer };

function choicesOf(question: Question) {
  return question.kind === 'fix' ? [] : question.choices;
}

/** Right when the chosen choices are exactly the correct ones. */
function judgeChoices(question: Question, selected: number[]): boolean {
  const choices = choicesOf(question);
  const chosen = new Set(selected);
  return choices.length > 0 && choices.every((choice, i) => choice.correct === chosen.has(i));
}

/** The saved positions, when they still fit the question; null otherwise. */
function savedPositions(question: Question, saved: QuizAnswer): number[] | null {
  const count = choicesOf(question).length;
  const positions = saved.value.map(Number);
  const fits =
    positions.length > 0 &&
    (question.kind === 'multiple' || positions.length === 1) &&
    positions.every((p) => Number.isInteger(p) && p >= 0 && p < count);
  return fits ? positions : null;
}

function initialContext({ question, scenario, saved }: QuizInput): QuizContext {
  const context: QuizContext = {
    question,
    scenario,
    selected: [],
    correct: null,
    observed: null,
    exchange: null,
    earlier: [],
    error: null,
    config: question.kind === 'fix' ? question.config : '',
    checked: null,
    report: null,
    failures: 0,
    solutionShown: false,
  };
  if (!saved) return context;
  if (question.kind === 'fix') {
    if (saved.value.length !== 1) return context;
    const config = saved.value[0] ?? question.config;
    return {
      ...context,
      config,
      checked: config,
      correct: saved.correct,
      failures: saved.correct ? 0 : 1,
    };
  }
  const selected = savedPositions(question, saved);
  if (!selected) return context;
  // Judged again from the question, so an answer kept before the lesson changed is judged as it now stands.
  const restored = { ...context, selected, correct: judgeChoices(question, selected) };
  if (question.kind !== 'predict') return restored;
  const happens = question.choices.find((choice) => choice.correct);
  return { ...restored, observed: happens?.value ?? null };
}

export const quizMachine = setup({
  types: {
    context: {} as QuizContext,
    events: {} as QuizEvent,
    input: {} as QuizInput,
    emitted: {} as QuizEmitted,
  },
  actors: {
    // The engine loads with the first run, not with the lesson page.
    observe: fromPromise<Observed, ObserveInput>(async ({ input }) => {
      const { observe } = await import('../course/run-quiz');
      return observe(input.scenario, input.before, input.request, input.observe);
    }),
    runChecks: fromPromise<ChecksOutcome, ChecksInput>(async ({ input }) => {
      const { runChecks } = await import('../course/run-quiz');
      return runChecks(input.config, input.scenario, input.checks);
    }),
  },
  actions: {
    choose: assign({
      selected: ({ event }) => {
        assertEvent(event, 'CHOOSE');
        return [event.index];
      },
    }),
    toggle: assign({
      selected: ({ context, event }) => {
        assertEvent(event, 'TOGGLE');
        return context.selected.includes(event.index)
          ? context.selected.filter((i) => i !== event.index)
          : [...context.selected, event.index].sort((a, b) => a - b);
      },
    }),
    judgeChoices: assign({
      correct: ({ context }) => judgeChoices(context.question, context.selected),
    }),
    keepRun: assign(({ context }, run: Observed) => {
      const predicted = choicesOf(context.question)[context.selected[0] ?? -1];
      return {
        observed: run.value,
        exchange: run.exchange,
        earlier: run.earlier,
        error: null,
        // The run is the judge: what the engine did, not what the lesson claims.
        correct: predicted !== undefined && 'value' in predicted && predicted.value === run.value,
      };
    }),
    rememberError: assign((_, { error }: { error: unknown }) => ({
      error: error instanceof Error ? error.message : String(error),
    })),
    clearError: assign({ error: null }),
    edit: assign({
      config: ({ event }) => {
        assertEvent(event, 'EDIT');
        return event.config;
      },
    }),
    resetConfig: assign({
      config: ({ context }) => (context.question.kind === 'fix' ? context.question.config : ''),
    }),
    startCheck: assign({ checked: ({ context }) => context.config, error: null }),
    keepReport: assign(({ context }, report: ChecksOutcome) => {
      return {
        report,
        correct: report.ok,
        failures: report.ok ? context.failures : context.failures + 1,
      };
    }),
    showSolution: assign({ solutionShown: true }),
    emitAnswer: emit(({ context }): QuizEmitted => {
      const value =
        context.question.kind === 'fix'
          ? [context.checked ?? context.config]
          : context.selected.map(String);
      return { type: 'answered', answer: { correct: context.correct === true, value } };
    }),
  },
  guards: {
    isFix: ({ context }) => context.question.kind === 'fix',
    isPredict: ({ context }) => context.question.kind === 'predict',
    isMultiple: ({ context }) => context.question.kind === 'multiple',
    wasAnswered: ({ context }) => context.correct !== null,
    isCorrect: ({ context }) => context.correct === true,
    hasChoice: ({ context }) => context.selected.length > 0,
    checksPassed: (_, report: ChecksOutcome) => report.ok,
  },
}).createMachine({
  id: 'quiz',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: 'isFix', target: 'fix' },
        { guard: 'isPredict', target: 'predict' },
        { target: 'choice' },
      ],
    },
    choice: {
      initial: 'start',
      states: {
        start: {
          always: [{ guard: 'wasAnswered', target: 'answered' }, { target: 'unanswered' }],
        },
        unanswered: {
          on: {
            CHOOSE: { actions: 'choose' },
            TOGGLE: { guard: 'isMultiple', actions: 'toggle' },
            CHECK: {
              guard: 'hasChoice',
              target: 'answered',
              actions: ['judgeChoices', 'emitAnswer'],
            },
          },
        },
        answered: {
          tags: 'answered',
          initial: 'judging',
          states: {
            judging: {
              always: [{ guard: 'isCorrect', target: 'correct' }, { target: 'incorrect' }],
            },
            correct: {},
            incorrect: {},
          },
        },
      },
    },
    predict: {
      initial: 'start',
      states: {
        start: {
          always: [{ guard: 'wasAnswered', target: 'revealed' }, { target: 'choosing' }],
        },
        choosing: {
          on: {
            CHOOSE: { actions: 'choose' },
            RUN: { guard: 'hasChoice', target: 'running' },
          },
        },
        running: {
          invoke: {
            src: 'observe',
            input: ({ context }) => observeInput(context),
            onDone: {
              target: 'revealed',
              actions: [{ type: 'keepRun', params: ({ event }) => event.output }, 'emitAnswer'],
            },
            onError: {
              target: 'error',
              actions: { type: 'rememberError', params: ({ event }) => ({ error: event.error }) },
            },
          },
        },
        /** The run could not be made (not a wrong answer): `error` says why. */
        error: {
          on: {
            RETRY: { target: 'running', actions: 'clearError' },
            CHOOSE: { target: 'choosing', actions: ['choose', 'clearError'] },
          },
        },
        revealed: {
          tags: 'answered',
          initial: 'judging',
          on: { REPLAY: { target: 'replaying', actions: 'clearError' } },
          states: {
            judging: {
              always: [{ guard: 'isCorrect', target: 'correct' }, { target: 'incorrect' }],
            },
            correct: {},
            incorrect: {},
          },
        },
        /** Answered already: the run is only to watch, so nothing is emitted. */
        replaying: {
          tags: 'answered',
          invoke: {
            src: 'observe',
            input: ({ context }) => observeInput(context),
            onDone: {
              target: 'revealed',
              actions: { type: 'keepRun', params: ({ event }) => event.output },
            },
            onError: {
              target: 'revealed',
              actions: { type: 'rememberError', params: ({ event }) => ({ error: event.error }) },
            },
          },
        },
      },
    },
    fix: {
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
                actions: [
                  { type: 'keepReport', params: ({ event }) => event.output },
                  'emitAnswer',
                ],
              },
              {
                target: 'failed',
                actions: [
                  { type: 'keepReport', params: ({ event }) => event.output },
                  'emitAnswer',
                ],
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
    },
  },
});

function observeInput({ question, scenario }: QuizContext): ObserveInput {
  if (question.kind !== 'predict') throw new Error(`question ${question.id} is not a prediction`);
  return {
    scenario,
    before: question.before,
    request: question.request,
    observe: question.observe,
  };
}

function checksInput({ question, scenario, checked, config }: QuizContext): ChecksInput {
  if (question.kind !== 'fix') throw new Error(`question ${question.id} has no checks`);
  return { config: checked ?? config, scenario, checks: question.checks };
}
