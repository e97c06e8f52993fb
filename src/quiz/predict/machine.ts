/**
 * A predict question, answered: `choosing` → RUN (once a prediction is
 * chosen) → `running` (the engine runs the question's requests) →
 * `revealed.correct | incorrect`; a run that throws lands in `error` (RETRY).
 * REPLAY runs it again to watch. The answer is emitted as `answered`; a saved
 * answer given as input starts the actor revealed. The run is the `observe`
 * actor, which tests replace with `.provide({ actors })`.
 */
import { assertEvent, assign, emit, fromPromise, setup } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import type { Observed } from '../run-quiz';
import type { LessonRequest, LessonScenario } from '../../course/types';
import type { Exchange } from '../../runtime/types';
import { choicesAnswer, judgeChoices, savedPositions } from '../choices';
import type { AnsweredEvent } from '../question';
import type { Observation, PredictQuestion } from './schema';

export interface ObserveInput {
  scenario: LessonScenario;
  before: LessonRequest[];
  request: LessonRequest;
  observe: Observation;
}

export interface PredictInput {
  question: PredictQuestion;
  /** The lesson's scenario: the question's requests run on it. */
  scenario: LessonScenario;
  /** An answer kept from an earlier visit: the actor starts revealed. */
  saved?: QuizAnswer | null;
}

export interface PredictContext {
  question: PredictQuestion;
  scenario: LessonScenario;
  /** The chosen prediction's position (at most one). */
  selected: number[];
  /** Whether the prediction was right; null until revealed. */
  correct: boolean | null;
  /** What the run produced (restored: what the lesson says it produces). */
  observed: string | null;
  /** The predicted request's exchange, and those sent before it; null until run. */
  exchange: Exchange | null;
  earlier: Exchange[];
  /** Why the last run could not be made. */
  error: string | null;
}

export type PredictEvent =
  /** This prediction, instead of any other. */
  | { type: 'CHOOSE'; index: number }
  /** Send the requests and see. */
  | { type: 'RUN' }
  /** Once revealed: run it again to watch the journey. */
  | { type: 'REPLAY' }
  /** After a run that could not be made: try it again. */
  | { type: 'RETRY' };

function initialContext({ question, scenario, saved }: PredictInput): PredictContext {
  const context: PredictContext = {
    question,
    scenario,
    selected: [],
    correct: null,
    observed: null,
    exchange: null,
    earlier: [],
    error: null,
  };
  if (!saved) return context;
  const selected = savedPositions(question.choices.length, false, saved);
  if (!selected) return context;
  // Judged again from the question, so an answer kept before the lesson changed is judged as it now stands.
  const happens = question.choices.find((choice) => choice.correct);
  return {
    ...context,
    selected,
    correct: judgeChoices(question.choices, selected),
    observed: happens?.value ?? null,
  };
}

function observeInput({ question, scenario }: PredictContext): ObserveInput {
  return {
    scenario,
    before: question.before,
    request: question.request,
    observe: question.observe,
  };
}

export const predictMachine = setup({
  types: {
    context: {} as PredictContext,
    events: {} as PredictEvent,
    input: {} as PredictInput,
    emitted: {} as AnsweredEvent,
  },
  actors: {
    // The engine loads with the first run, not with the lesson page.
    observe: fromPromise<Observed, ObserveInput>(async ({ input }) => {
      const { observe } = await import('../run-quiz');
      return observe(input.scenario, input.before, input.request, input.observe);
    }),
  },
  actions: {
    choose: assign({
      selected: ({ event }) => {
        assertEvent(event, 'CHOOSE');
        return [event.index];
      },
    }),
    keepRun: assign(({ context }, run: Observed) => {
      const predicted = context.question.choices[context.selected[0] ?? -1];
      return {
        observed: run.value,
        exchange: run.exchange,
        earlier: run.earlier,
        error: null,
        // The run is the judge: what the engine did, not what the lesson claims.
        correct: predicted !== undefined && predicted.value === run.value,
      };
    }),
    rememberError: assign((_, { error }: { error: unknown }) => ({
      error: error instanceof Error ? error.message : String(error),
    })),
    clearError: assign({ error: null }),
    emitAnswer: emit(({ context }): AnsweredEvent => ({
      type: 'answered',
      answer: choicesAnswer(context.correct, context.selected),
    })),
  },
  guards: {
    wasAnswered: ({ context }) => context.correct !== null,
    isCorrect: ({ context }) => context.correct === true,
    hasChoice: ({ context }) => context.selected.length > 0,
  },
}).createMachine({
  id: 'predict',
  context: ({ input }) => initialContext(input),
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
});
