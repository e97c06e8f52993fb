/**
 * Refuses a `__proto__` key anywhere in a value. zod drops such a key from a
 * record without a word, so it is looked for first: refused, not quietly
 * changed, and never handed on to code that might copy it into a prototype.
 */
import { z } from 'zod';

/** Deeper than any field of a scenario: below this the schema refuses whatever is there. */
const MAX_DEPTH = 10;

export const NOT_PROTO = 'a key named __proto__ is not allowed';

/** `schema`, checked only once no `__proto__` key is found (the issue names where it is). */
export function noProtoKeys<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const path = protoKeyPath(value, []);
      if (path !== null) ctx.addIssue({ code: 'custom', path, message: NOT_PROTO });
    })
    .pipe(schema);
}

function protoKeyPath(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof value !== 'object' || value === null || path.length > MAX_DEPTH) return null;
  if (Object.hasOwn(value, '__proto__')) return [...path, '__proto__'];
  for (const [key, inner] of Object.entries(value)) {
    const found = protoKeyPath(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found !== null) return found;
  }
  return null;
}
