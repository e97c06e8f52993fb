/**
 * The field rules a scenario's parts share: header names and values, statuses,
 * durations, text limits. Whatever arrives in a link, a file or a lesson may
 * have been written by hand (or by someone hostile), so each rule says in words
 * what is wrong.
 */
import { z } from 'zod';

// Without this, zod probes for eval with `new Function`, which the site's CSP (script-src
// 'self') reports as a violation even though zod catches the error and parses without it.
z.config({ jitless: true });

export const KIB = 1024;

// C0 controls and DEL; tab is allowed where text is free-form.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** YAML reads `200` and `true` as a number and a boolean; a header value wants the words. */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** A header name: an HTTP token (RFC 9110). */
export const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name: letters, digits and -')
  .max(256, 'must be at most 256 characters');

/** A header value on one line: a newline here would add a header nobody wrote. */
export const headerValue = scalar.pipe(
  z
    .string()
    .max(8 * KIB, 'must be at most 8 KB')
    .refine((v) => !CONTROL_EXCEPT_TAB.test(v), 'must be on one line, without control characters'),
);

export const status = z
  .number()
  .int('must be a whole number')
  .min(100, 'must be between 100 and 599')
  .max(599, 'must be between 100 and 599');

export const milliseconds = z
  .number()
  .min(0, 'must be between 0 and 60000 (ms)')
  .max(60_000, 'must be between 0 and 60000 (ms)');

/** Text shown on one line (a title, a name): no newlines or control characters. */
export function lineText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((t) => !CONTROL.test(t), 'must be on one line, without control characters');
}
