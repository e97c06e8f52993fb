/**
 * The question kinds a lesson's quiz may use, each in its own folder (its
 * schema, machine, component and lesson check). A new kind is a folder plus
 * its line here and in components.ts and checks.ts; the type checker names
 * each place a kind is missing.
 */
import { z } from 'zod';
import { choiceSchema, loadChoiceQuestion, type ChoiceQuestion } from './choice/schema.ts';
import { fixSchema, loadFixQuestion, type FixQuestion } from './fix/schema.ts';
import { loadPredictQuestion, predictSchema, type PredictQuestion } from './predict/schema.ts';
import type { LoadTools } from './question.ts';

/** A question in a lesson's frontmatter, whatever its kind. */
export const question = z.discriminatedUnion('kind', [choiceSchema, predictSchema, fixSchema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'must be one of single, multiple, predict, fix' : undefined,
});

export type QuestionInput = z.output<typeof question>;

/** A question as the app uses it, once loaded. */
export type Question = ChoiceQuestion | PredictQuestion | FixQuestion;

export type QuestionKind = Question['kind'];

type Loaders = {
  [K in QuestionKind]: (q: Extract<QuestionInput, { kind: K }>, tools: LoadTools) => Question;
};

const LOADERS: Loaders = {
  single: loadChoiceQuestion,
  multiple: loadChoiceQuestion,
  predict: loadPredictQuestion,
  fix: loadFixQuestion,
};

/** The loaded question for its frontmatter: Markdown rendered, defaults filled in. */
export function loadQuestion(q: QuestionInput, tools: LoadTools): Question {
  return (LOADERS[q.kind] as (q: QuestionInput, tools: LoadTools) => Question)(q, tools);
}
