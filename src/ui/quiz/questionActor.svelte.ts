/**
 * A question component's actor: started with the saved answer, reporting each
 * new answer to the course, stopped with the component. The props are read
 * once: the quiz gives each question its own component, keyed by lesson and id.
 */
import { onDestroy, untrack } from 'svelte';
import { createActor } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import type { LessonScenario, LessonSection, Question } from '../../course/types';
import { quizMachine } from '../../machines/quizMachine';
import { useActor } from '../../machines/useActor.svelte';

export interface QuestionProps {
  question: Question;
  scenario: LessonScenario;
  saved: QuizAnswer | null;
  onanswer: (answer: QuizAnswer) => void;
}

/** What the quiz gives each question's component. */
export interface QuestionViewProps<Q extends Question> extends QuestionProps {
  question: Q;
  /** Its place in the quiz, from 1. */
  number: number;
  sections: LessonSection[];
}

export function questionActor(props: () => QuestionProps) {
  const { question, scenario, saved } = untrack(props);
  const actor = createActor(quizMachine, { input: { question, scenario, saved } });
  // The latest callback, in case the parent passes a new one.
  actor.on('answered', ({ answer }) => props().onanswer(answer));
  actor.start();
  onDestroy(() => actor.stop());
  return { actor, snapshot: useActor(actor) };
}

/** A state value as a dotted path: `{ choice: { answered: 'correct' } }` → `choice.answered.correct`. */
export function statePath(value: string | object): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => `${key}.${statePath(child as string | object)}`)
    .join(' ');
}
