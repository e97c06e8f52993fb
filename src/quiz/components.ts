/** Each question kind's component, for the quiz to show a question by its kind (see kinds.ts). */
import type { Component } from 'svelte';
import ChoiceQuestion from './choice/ChoiceQuestion.svelte';
import FixQuestion from './fix/FixQuestion.svelte';
import type { Question, QuestionKind } from './kinds';
import PredictQuestion from './predict/PredictQuestion.svelte';
import type { QuestionViewProps } from './questionActor.svelte';

type Components = {
  [K in QuestionKind]: Component<QuestionViewProps<Extract<Question, { kind: K }>>>;
};

export const QUESTION_COMPONENTS: Components = {
  single: ChoiceQuestion,
  multiple: ChoiceQuestion,
  predict: PredictQuestion,
  fix: FixQuestion,
};

/** The component for this question, typed for any question (the registry pairs kind and component). */
export function componentFor(question: Question): Component<QuestionViewProps<Question>> {
  return QUESTION_COMPONENTS[question.kind] as Component<QuestionViewProps<Question>>;
}
