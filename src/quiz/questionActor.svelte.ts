/**
 * A question component's actor: its kind's machine, started with the saved
 * answer, reporting each new answer to the course, stopped with the
 * component. The props are read once: the quiz gives each question its own
 * component, keyed by lesson and id.
 */
import { onDestroy, untrack } from 'svelte';
import { createActor, type AnyActor, type AnyStateMachine, type InputFrom } from 'xstate';
import type { QuizAnswer } from '../course/quiz-answer';
import type { LessonScenario, LessonSection } from '../course/types';
import { useActor } from '../machines/useActor.svelte';
import type { Question } from './kinds';
import type { AnsweredEvent } from './question';

/** What the quiz gives each question's component. */
export interface QuestionViewProps<Q extends Question> {
  question: Q;
  scenario: LessonScenario;
  saved: QuizAnswer | null;
  onanswer: (answer: QuizAnswer) => void;
  /** Its place in the quiz, from 1. */
  number: number;
  sections: LessonSection[];
}

/** Runs `machine` (a kind's machine, which emits `answered`) with `input`; `onanswer` gives the latest callback. */
export function questionActor<M extends AnyStateMachine>(
  machine: M,
  input: () => InputFrom<M>,
  onanswer: () => (answer: QuizAnswer) => void,
) {
  const actor = createActor(machine, { input: untrack(input) });
  // The latest callback, in case the parent passes a new one.
  (actor as AnyActor).on('answered', (event) => onanswer()((event as AnsweredEvent).answer));
  actor.start();
  onDestroy(() => actor.stop());
  return { actor, snapshot: useActor(actor) };
}

/** A state value as a dotted path: `{ answered: 'correct' }` → `answered.correct`. */
export function statePath(value: string | object): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => `${key}.${statePath(child as string | object)}`)
    .join(' ');
}
