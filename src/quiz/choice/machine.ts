/**
 * A single or multiple choice question, answered:
 * `unanswered` → CHECK (once something is chosen) → `answered.correct | incorrect`.
 * The answer is emitted as `answered` for the course to keep; a saved answer
 * given as input starts the actor answered.
 */
import { assertEvent, assign, emit, setup } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import { choicesAnswer, judgeChoices, savedPositions } from '../choices';
import type { AnsweredEvent } from '../question';
import type { ChoiceQuestion } from './schema';

export interface ChoiceInput {
  question: ChoiceQuestion;
  /** An answer kept from an earlier visit: the actor starts answered. */
  saved?: QuizAnswer | null;
}

export interface ChoiceContext {
  question: ChoiceQuestion;
  /** Positions of the chosen choices (single: at most one). */
  selected: number[];
  /** Whether the answer was right; null until answered. */
  correct: boolean | null;
}

export type ChoiceEvent =
  /** Single: this choice, instead of any other. */
  | { type: 'CHOOSE'; index: number }
  /** Multiple: tick or untick this choice. */
  | { type: 'TOGGLE'; index: number }
  | { type: 'CHECK' };

function initialContext({ question, saved }: ChoiceInput): ChoiceContext {
  const context: ChoiceContext = { question, selected: [], correct: null };
  if (!saved) return context;
  const multiple = question.kind === 'multiple';
  const selected = savedPositions(question.choices.length, multiple, saved);
  if (!selected) return context;
  // Judged again from the question, so an answer kept before the lesson changed is judged as it now stands.
  return { ...context, selected, correct: judgeChoices(question.choices, selected) };
}

export const choiceMachine = setup({
  types: {
    context: {} as ChoiceContext,
    events: {} as ChoiceEvent,
    input: {} as ChoiceInput,
    emitted: {} as AnsweredEvent,
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
    judge: assign({
      correct: ({ context }) => judgeChoices(context.question.choices, context.selected),
    }),
    emitAnswer: emit(({ context }): AnsweredEvent => ({
      type: 'answered',
      answer: choicesAnswer(context.correct, context.selected),
    })),
  },
  guards: {
    isMultiple: ({ context }) => context.question.kind === 'multiple',
    wasAnswered: ({ context }) => context.correct !== null,
    isCorrect: ({ context }) => context.correct === true,
    hasChoice: ({ context }) => context.selected.length > 0,
  },
}).createMachine({
  id: 'choice',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    start: {
      always: [{ guard: 'wasAnswered', target: 'answered' }, { target: 'unanswered' }],
    },
    unanswered: {
      on: {
        CHOOSE: { actions: 'choose' },
        TOGGLE: { guard: 'isMultiple', actions: 'toggle' },
        CHECK: { guard: 'hasChoice', target: 'answered', actions: ['judge', 'emitAnswer'] },
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
});
