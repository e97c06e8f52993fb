/** The zod pieces a lesson's frontmatter is built of, shared by the lesson schema and each question kind's. */
import { z } from 'zod';
import { clientRequestFields, offeredClient } from '../scenario/index.ts';

/** YAML reads `200` and `true` as a number and a boolean; lesson text wants the words. */
export const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const text = z.string().trim().min(1, 'must not be empty');

/** nginx.conf text, kept exactly as written so nginx's line numbers match the lesson's. */
export const config = z.string().refine((c) => c.trim() !== '', 'must not be empty');

/** lowercase-with-dashes, as ids and slugs are written. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes: load-balancing');

/** A request a quiz sends: one the form could hold, which may wait first on the proxy's virtual clock. */
export const quizRequest = z.strictObject({
  ...clientRequestFields,
  client: offeredClient,
  waitMs: z.number().int().min(0).default(0),
});

export type QuizRequestInput = z.output<typeof quizRequest>;
