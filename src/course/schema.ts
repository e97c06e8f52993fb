/**
 * The frontmatter of a lesson file as an author writes it (lessons/FORMAT.md),
 * checked by zod. Unknown fields are refused, so a misspelt field is reported
 * instead of silently ignored. Messages are written for lesson authors.
 */
import { z } from 'zod';
import { formRequestSchema, noProtoKeys, presetSchema, scenarioParts } from '../scenario/index.ts';
import { question } from '../quiz/kinds.ts';
import { slug, text } from '../quiz/fields.ts';

/** A preset the learner sends from the sandbox: a request the form can hold, and its button's words. */
const presetRequest = z.strictObject({
  ...formRequestSchema.shape,
  label: presetSchema.shape.label.optional(),
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
export type { QuizRequestInput } from '../quiz/fields.ts';
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
