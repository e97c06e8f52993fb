/** The zod pieces a lesson's frontmatter is built of, shared by the lesson schema and each question kind's. */
import { z } from 'zod';

/** YAML reads `200` and `true` as a number and a boolean; lesson text wants the words. */
export const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const text = z.string().trim().min(1, 'must not be empty');

/** nginx.conf text, kept exactly as written so nginx's line numbers match the lesson's. */
export const config = z.string().refine((c) => c.trim() !== '', 'must not be empty');

/** lowercase-with-dashes, as ids and slugs are written. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes: load-balancing');

export const CLIENTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;

const headers = z.union([z.record(z.string(), scalar), z.array(z.tuple([z.string(), scalar]))], {
  error: 'must be a map (Name: value) or a list of [name, value]',
});

export const requestFields = {
  url: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+[^\s]*$/i, 'must be an http:// or https:// URL with a host'),
  method: z
    .string()
    .regex(/^[A-Z]+$/, 'must be an HTTP method in capitals: GET, POST, …')
    .default('GET'),
  headers: headers.default([]),
  body: z.string().nullable().default(null),
  client: z.enum(CLIENTS).default('127.0.0.1'),
};

/** A request a quiz sends: it may wait first, on the proxy's virtual clock. */
export const quizRequest = z.strictObject({
  ...requestFields,
  waitMs: z.number().int().min(0).default(0),
});

export type QuizRequestInput = z.output<typeof quizRequest>;
