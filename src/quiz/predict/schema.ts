/** Predict questions in a lesson's frontmatter, and as loaded: what will this request come to? */
import { z } from 'zod';
import { quizRequest } from '../fields.ts';
import type { LessonRequest } from '../../course/types.ts';
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

/** What a predict question asks about the response to its request. */
export type Observation =
  /** The `name` of the backend that answered (`app-b`), or `none` when nginx answered itself. */
  | 'backend'
  /** The status code as a string (`200`, `502`), or `none` when no response came back. */
  | 'status'
  /** The proxy cache's status (`MISS`, `HIT`, `EXPIRED`, `STALE`, `BYPASS`, …), or `none`. */
  | 'cache'
  /** A response header's value, or `none` when absent: `header:X-Cache-Status`. */
  | `header:${string}`
  /** A header as the backend received it, or `none` (absent, or no backend asked): `upstream-header:X-Forwarded-For`. */
  | `upstream-header:${string}`;

const OBSERVATION = /^(?:backend|status|cache|(?:upstream-)?header:[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

export const predictSchema = z
  .strictObject({
    ...questionFields,
    kind: z.literal('predict'),
    before: z.array(quizRequest).default([]),
    request: quizRequest,
    observe: z
      .string()
      .regex(OBSERVATION, 'must be backend, status, cache, header:Name or upstream-header:Name')
      .transform((o) => o as Observation),
    choices,
  })
  .superRefine((q, ctx) =>
    checkChoices(
      q.choices,
      { least: 1, most: 1, words: 'a predict question needs exactly one correct choice' },
      ctx,
    ),
  );

export interface PredictQuestion extends QuestionBase {
  kind: 'predict';
  /** Sent first, in order, on a fresh proxy (their answers are shown but not asked about). */
  before: LessonRequest[];
  /** The request whose outcome the learner predicts. */
  request: LessonRequest;
  observe: Observation;
  /** Exactly one is correct; its text (plain) is what the engine must produce. */
  choices: (Choice & { value: string })[];
}

export function loadPredictQuestion(
  q: z.output<typeof predictSchema>,
  tools: LoadTools,
): PredictQuestion {
  return {
    ...loadBase(q, tools),
    kind: 'predict',
    before: q.before.map(tools.request),
    request: tools.request(q.request),
    observe: q.observe,
    choices: q.choices.map((c) => ({ ...loadChoice(c, tools), value: c.text })),
  };
}
