/** Fix-the-config questions in a lesson's frontmatter, and as loaded: a broken config, checks, a solution. */
import { z } from 'zod';
import { config, quizRequest, scalar, text } from '../fields.ts';
import type { LessonRequest } from '../../course/types.ts';
import { loadBase, questionFields, type LoadTools, type QuestionBase } from '../question.ts';

/** Expectations a "fix the config" check puts on one response; all given must hold. */
export interface Expectation {
  status?: number;
  backend?: string;
  cache?: string;
  /** Response header values, by name (case-insensitive); `null` means the header must be absent. */
  headers?: Record<string, string | null>;
}

const expectation = z
  .strictObject({
    status: z.number().int().min(100).max(599).optional(),
    backend: text.optional(),
    cache: text.optional(),
    headers: z.record(z.string(), scalar.nullable()).optional(),
  })
  .refine(
    (e) => Object.keys(e).length > 0,
    'needs at least one of status, backend, cache, headers',
  );

export const fixSchema = z.strictObject({
  ...questionFields,
  kind: z.literal('fix'),
  config,
  solution: config,
  checks: z
    .array(z.strictObject({ request: quizRequest, expect: expectation, describe: text }))
    .min(1),
  hint: text,
});

export interface FixQuestion extends QuestionBase {
  kind: 'fix';
  /** The config the learner starts from (it fails at least one check). */
  config: string;
  /** A config that passes every check: shown on request, and tested. */
  solution: string;
  /** Each request is sent on a fresh proxy in order; each response must meet its expectation. */
  checks: {
    request: LessonRequest;
    expect: Expectation;
    /** Plain words for the learner. */
    describe: string;
  }[];
  hintHtml: string;
}

export function loadFixQuestion(q: z.output<typeof fixSchema>, tools: LoadTools): FixQuestion {
  return {
    ...loadBase(q, tools),
    kind: 'fix',
    config: q.config,
    solution: q.solution,
    checks: q.checks.map((c) => ({
      request: tools.request(c.request),
      expect: c.expect,
      describe: c.describe,
    })),
    hintHtml: tools.inline(q.hint),
  };
}
