/**
 * The frontmatter of a lesson file as an author writes it (lessons/FORMAT.md),
 * checked by zod. Unknown fields are refused, so a misspelt field is reported
 * instead of silently ignored. Messages are written for lesson authors.
 */
import { z } from 'zod';
import {
  clientRequestFields,
  formRequestSchema,
  noProtoKeys,
  offeredClient,
  presetSchema,
  scenarioParts,
} from '../scenario/index.ts';
import type { Observation } from './types.ts';

/** YAML reads `200` and `true` as a number and a boolean; lesson text wants the words. */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const text = z.string().trim().min(1, 'must not be empty');

/** nginx.conf text, kept exactly as written so nginx's line numbers match the lesson's. */
const config = z.string().refine((c) => c.trim() !== '', 'must not be empty');

/** lowercase-with-dashes, as ids and slugs are written. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes: load-balancing');

/** A preset the learner sends from the sandbox: a request the form can hold, and its button's words. */
const presetRequest = z.strictObject({
  ...formRequestSchema.shape,
  label: presetSchema.shape.label.optional(),
});

/** A request a quiz sends: it may wait first, on the proxy's virtual clock. */
const quizRequest = z.strictObject({
  ...clientRequestFields,
  client: offeredClient,
  waitMs: z.number().int().min(0).default(0),
});

/** The lesson's part of the scenario model: its title and summary are the lesson's own. */
const scenario = noProtoKeys(
  z.strictObject({
    config: scenarioParts.config.refine((c) => c.trim() !== '', 'must not be empty'),
    backends: scenarioParts.backends.default({}),
    files: scenarioParts.files.default({}),
    requests: z.array(presetRequest).min(1).optional(),
  }),
);

const step = z.strictObject({ do: text, look: text });

const choice = z.strictObject({
  text: scalar.pipe(text),
  correct: z.boolean().default(false),
  why: text,
});

const questionBase = { id: slug, prompt: text, section: text };

const choices = z.array(choice).min(2, 'needs at least 2 choices');

const choiceQuestion = z.strictObject({
  ...questionBase,
  kind: z.enum(['single', 'multiple']),
  choices,
});

const OBSERVATION = /^(?:backend|status|cache|(?:upstream-)?header:[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

const predictQuestion = z.strictObject({
  ...questionBase,
  kind: z.literal('predict'),
  before: z.array(quizRequest).default([]),
  request: quizRequest,
  observe: z
    .string()
    .regex(OBSERVATION, 'must be backend, status, cache, header:Name or upstream-header:Name')
    .transform((o) => o as Observation),
  choices,
});

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

const fixQuestion = z.strictObject({
  ...questionBase,
  kind: z.literal('fix'),
  config,
  solution: config,
  checks: z
    .array(z.strictObject({ request: quizRequest, expect: expectation, describe: text }))
    .min(1),
  hint: text,
});

const question = z
  .discriminatedUnion('kind', [choiceQuestion, predictQuestion, fixQuestion], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'must be one of single, multiple, predict, fix' : undefined,
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'fix') return;
    const correct = q.choices.filter((c) => c.correct).length;
    if (q.kind === 'multiple' && correct === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a multiple-choice question needs at least one correct choice',
      });
    if (q.kind !== 'multiple' && correct !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `a ${q.kind === 'single' ? 'single-choice' : 'predict'} question needs exactly one correct choice`,
      });
    q.choices.forEach((c, i) => {
      const first = q.choices.findIndex((d) => d.text === c.text);
      if (first < i)
        ctx.addIssue({
          code: 'custom',
          path: ['choices', i, 'text'],
          message: `the same text as choices[${first}]`,
        });
    });
  });

export const WIDGETS = ['proxy-kinds', 'event-loop'] as const;

/** A lesson file's frontmatter, with the defaults FORMAT.md promises filled in. */
export const lessonFrontmatter = z.strictObject({
  id: slug,
  title: text,
  order: z.number().int(),
  summary: text,
  widget: z.enum(WIDGETS).optional(),
  scenario,
  steps: z.array(step).min(1, 'needs at least 1 step'),
  quiz: z.array(question).min(3, 'needs at least 3 questions'),
});

export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;
export type QuizRequestInput = z.output<typeof quizRequest>;
export type PresetRequestInput = z.output<typeof presetRequest>;

/** A problem with one field: `quiz[2].choices`, and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Checks frontmatter already read from YAML: the lesson with defaults filled in, or every problem found. */
export function parseFrontmatter(
  data: unknown,
): { ok: true; value: LessonFrontmatter } | { ok: false; problems: FieldProblem[] } {
  const result = lessonFrontmatter.safeParse(data, { error: authorMessage });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): FieldProblem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: fieldPath([...issue.path, key]),
          message: 'unknown field',
        }))
      : [{ path: fieldPath(issue.path), message: issue.message }],
  );
  return { ok: false, problems };
}

/** `['quiz', 2, 'choices']` → `quiz[2].choices`; keys that are not words are quoted: `backends["127.0.0.1:3001"]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(key))) out += (out ? '.' : '') + String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(frontmatter)';
}

/** zod's own wording for the cases a schema above does not word itself. */
function authorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `must be ${KIND_NAMES[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_key':
      return issue.issues.map((i) => i.message).join('; ');
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
}

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a map (name: value)',
  record: 'a map (name: value)',
};

function describe(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a map';
  if (typeof input === 'string') return `text "${input}"`;
  return `${typeof input === 'number' ? 'the number' : ''} ${String(input)}`.trim();
}
