/**
 * What every question kind shares: the frontmatter fields of a question and
 * of a choice, the loaded shapes they become, and how a kind is registered
 * (see kinds.ts). A kind's own fields live in its folder.
 */
import { z } from 'zod';
import { scalar, slug, text, type QuizRequestInput } from './fields.ts';
import type { LessonRequest } from '../course/types.ts';
import type { QuizAnswer } from '../course/quiz-answer.ts';

/** The frontmatter fields of every question. */
export const questionFields = { id: slug, prompt: text, section: text };

const choice = z.strictObject({
  text: scalar.pipe(text),
  correct: z.boolean().default(false),
  why: text,
});

export const choices = z.array(choice).min(2, 'needs at least 2 choices');

export type ChoiceInput = z.output<typeof choice>;

export interface QuestionBase {
  /** Unique within the lesson. */
  id: string;
  promptHtml: string;
  /** The lesson section (a `##` heading's slug) that answers it. */
  section: string;
}

export interface Choice {
  /** Sanitised HTML (inline Markdown). */
  html: string;
  correct: boolean;
  /** Why this choice is right or wrong: every choice has one. */
  whyHtml: string;
}

/** What the lesson loader lends a kind to turn its frontmatter into the loaded question. */
export interface LoadTools {
  /** Inline Markdown as sanitised HTML. */
  inline(markdown: string): string;
  /** A quiz request with the loader's defaults filled in. */
  request(r: QuizRequestInput): LessonRequest;
}

/** A question's loaded fields from its frontmatter: the prompt rendered. */
export function loadBase(q: { id: string; prompt: string; section: string }, tools: LoadTools) {
  return { id: q.id, promptHtml: tools.inline(q.prompt), section: q.section };
}

export function loadChoice(c: ChoiceInput, tools: LoadTools): Choice {
  return { html: tools.inline(c.text), correct: c.correct, whyHtml: tools.inline(c.why) };
}

/** Problems with choices that the type alone cannot say: repeated texts, and the count of correct ones. */
export function checkChoices(
  choices: readonly ChoiceInput[],
  correct: { least: number; most: number; words: string },
  ctx: z.core.$RefinementCtx,
): void {
  const count = choices.filter((c) => c.correct).length;
  if (count < correct.least || count > correct.most)
    ctx.addIssue({ code: 'custom', path: ['choices'], message: correct.words });
  choices.forEach((c, i) => {
    const first = choices.findIndex((d) => d.text === c.text);
    if (first < i)
      ctx.addIssue({
        code: 'custom',
        path: ['choices', i, 'text'],
        message: `the same text as choices[${first}]`,
      });
  });
}

/** Every question machine emits each new answer for the course to keep. */
export type AnsweredEvent = { type: 'answered'; answer: QuizAnswer };
