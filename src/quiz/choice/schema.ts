/** Single and multiple choice questions in a lesson's frontmatter, and as loaded. */
import { z } from 'zod';
import {
  checkChoices,
  choices,
  loadBase,
  loadChoice,
  questionFields,
  type Choice,
  type LoadTools,
  type QuestionBase,
} from '../question.ts';

export const choiceSchema = z
  .strictObject({ ...questionFields, kind: z.enum(['single', 'multiple']), choices })
  .superRefine((q, ctx) =>
    checkChoices(
      q.choices,
      q.kind === 'multiple'
        ? {
            least: 1,
            most: Infinity,
            words: 'a multiple-choice question needs at least one correct choice',
          }
        : { least: 1, most: 1, words: 'a single-choice question needs exactly one correct choice' },
      ctx,
    ),
  );

export interface ChoiceQuestion extends QuestionBase {
  kind: 'single' | 'multiple';
  choices: Choice[];
}

export function loadChoiceQuestion(
  q: z.output<typeof choiceSchema>,
  tools: LoadTools,
): ChoiceQuestion {
  return {
    ...loadBase(q, tools),
    kind: q.kind,
    choices: q.choices.map((c) => loadChoice(c, tools)),
  };
}
