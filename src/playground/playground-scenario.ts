/**
 * A playground scenario as it travels in a link or a file, and the check every
 * one of them passes before the page uses it. Whatever arrives this way may
 * have been written by hand or by someone hostile, so the check is strict:
 * unknown fields, out-of-range numbers, oversized text and `__proto__` keys are
 * refused with a message naming the field. Nothing here makes HTML; the page
 * shows these values as text.
 */
import { z } from 'zod';
import { APP_NAMES, type BackendMap } from '../backends/spec';
import { CLIENT_ADDRESSES, METHODS, type ClientAddress, type Method } from '../ui/requestDraft';

// Without this, zod probes for eval with `new Function`, which the site's CSP (script-src
// 'self') reports as a violation even though zod catches the error and parses without it.
z.config({ jitless: true });

/** The request the Send panel starts with, as the runtime's SendSpec takes it. */
export interface PlaygroundRequest {
  method: Method;
  /** `http://example.com/path?x=1` or `https://...`. */
  url: string;
  /** In order, duplicates kept, as they go on the wire. */
  headers: [string, string][];
  /** Null for a request without one. */
  body: string | null;
  client: ClientAddress;
}

/** Everything the playground needs to rebuild what the learner had. */
export interface PlaygroundScenario {
  title: string;
  config: string;
  backends: BackendMap;
  /** The virtual disk `root` and `alias` read, by absolute path. */
  files: Record<string, string>;
  request?: PlaygroundRequest;
}

export const KIB = 1024;
/** nginx.conf in UTF-8 bytes; far above any config a learner writes. */
export const MAX_CONFIG_BYTES = 100 * KIB;
/** The whole scenario as JSON in UTF-8 bytes; also the most a link may inflate to. */
export const MAX_SCENARIO_BYTES = 1024 * KIB;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

// C0 controls and DEL; tab is allowed where text is free-form.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const NOT_PROTO = 'a key named __proto__ is not allowed';

/** A header name: an HTTP token (RFC 9110). */
const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name: letters, digits and -')
  .max(256, 'must be at most 256 characters');

/** A header value on one line: a newline here would add a header nobody wrote. */
const headerValue = z
  .string()
  .max(8 * KIB, 'must be at most 8 KB')
  .refine((v) => !CONTROL_EXCEPT_TAB.test(v), 'must be on one line, without control characters');

const status = z
  .number()
  .int('must be a whole number')
  .min(100, 'must be between 100 and 599')
  .max(599, 'must be between 100 and 599');

const milliseconds = z
  .number()
  .min(0, 'must be between 0 and 60000 (ms)')
  .max(60_000, 'must be between 0 and 60000 (ms)');

const route = z.strictObject({
  path: z
    .string()
    .startsWith('/', 'must start with /')
    .max(2 * KIB, 'must be at most 2 KB')
    .refine(
      (p) => !/\s/.test(p) && !CONTROL.test(p),
      'must not contain spaces or control characters',
    ),
  status: status.optional(),
  headers: z.record(headerName, headerValue).optional(),
  body: z.string().optional(),
  delayMs: milliseconds.optional(),
});

const backend = z.strictObject({
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine((n) => !CONTROL.test(n), 'must be on one line, without control characters'),
  app: z.enum(APP_NAMES, { error: `must be one of ${APP_NAMES.join(', ')}` }).optional(),
  down: z.boolean().optional(),
  routes: z.array(route).max(200, 'must have at most 200 routes').optional(),
  latencyMs: milliseconds.optional(),
  failRate: z
    .number()
    .min(0, 'must be between 0 and 1')
    .max(1, 'must be between 0 and 1')
    .optional(),
  failStatus: z
    .union([status, z.literal('refused')], {
      error: 'must be a status between 100 and 599, or "refused"',
    })
    .optional(),
  seed: z.number().int('must be a whole number').optional(),
  /** Added to every answer this backend gives, whatever its app. */
  headers: z.record(headerName, headerValue).optional(),
});

/** `host:port` as the proxy dials it: a name, an IPv4 address or a bracketed IPv6 one. */
const address = z
  .string()
  .regex(
    /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):\d{1,5}$/,
    'a backend is keyed by host:port, like 127.0.0.1:3001',
  )
  .refine((a) => {
    const port = Number(a.slice(a.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65_535;
  }, 'the port must be between 1 and 65535');

const filePath = z
  .string()
  .startsWith('/', 'a file path must be absolute, like /var/www/index.html')
  .max(1 * KIB, 'a file path must be at most 1 KB')
  .refine((p) => !CONTROL.test(p), 'a file path must not contain control characters')
  .refine(
    (p) => !p.split('/').includes('..'),
    'a file path must not contain .. (write the path it leads to)',
  );

const request = z.strictObject({
  method: z.enum(METHODS, { error: `must be one of ${METHODS.join(', ')}` }),
  url: z
    .string()
    .max(8 * KIB, 'must be at most 8 KB')
    .regex(/^https?:\/\/[^/?#\s]+[^\s]*$/i, 'must be an http:// or https:// URL with a host'),
  headers: z.array(z.tuple([headerName, headerValue])).max(100, 'must have at most 100 headers'),
  body: z.string().nullable(),
  client: z.enum(CLIENT_ADDRESSES, {
    error: `must be one of ${CLIENT_ADDRESSES.join(', ')}`,
  }),
});

/** The strict check: what passes can be handed to the runtime and shown as text. */
export const playgroundScenarioSchema = z
  .strictObject({
    title: z
      .string()
      .max(200, 'must be at most 200 characters')
      .refine((t) => !CONTROL.test(t), 'must be on one line, without control characters'),
    config: z.string().refine((c) => utf8Bytes(c) <= MAX_CONFIG_BYTES, 'must be at most 100 KB'),
    backends: z
      .record(address, backend)
      .refine((b) => Object.keys(b).length <= 100, 'must have at most 100 backends'),
    files: z.record(filePath, z.string()),
    request: request.optional(),
  })
  .refine(
    (s) => utf8Bytes(JSON.stringify(s)) <= MAX_SCENARIO_BYTES,
    'the scenario must be at most 1 MB in all',
  ) satisfies z.ZodType<PlaygroundScenario>;

export type CheckResult =
  { ok: true; scenario: PlaygroundScenario } | { ok: false; message: string };

/** `backends["127.0.0.1:3000"].routes[0].status`: where a problem is, as a reader finds it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part))
      text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

/** How many problems a message lists before it says "and N more". */
const SHOWN_PROBLEMS = 3;

/**
 * Checks a value (already parsed from JSON) against the schema. The message
 * names each field at fault: `backends["127.0.0.1:3000"].failRate: must be between 0 and 1`.
 */
export function checkScenario(value: unknown): CheckResult {
  const proto = protoKeyPath(value, []);
  if (proto !== null) return refused(`${fieldPath(proto)}: ${NOT_PROTO}`);
  const result = playgroundScenarioSchema.safeParse(value);
  if (result.success) return { ok: true, scenario: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = fieldPath(issue.path);
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : issue.code === 'invalid_key'
          ? issue.issues.map((i) => i.message).join('; ')
          : issue.message;
    return where === '' ? what : `${where}: ${what}`;
  });
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more = problems.length - SHOWN_PROBLEMS;
  return refused(more > 0 ? `${shown}; and ${more} more` : shown);
}

/** Deeper than any field of a scenario: below this the schema refuses whatever is there. */
const MAX_DEPTH = 10;

/**
 * Where the first `__proto__` key is. zod drops such a key from a record
 * without a word, so it is looked for first: refused, not quietly changed.
 */
function protoKeyPath(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof value !== 'object' || value === null || path.length > MAX_DEPTH) return null;
  if (Object.hasOwn(value, '__proto__')) return [...path, '__proto__'];
  for (const [key, inner] of Object.entries(value)) {
    const found = protoKeyPath(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found !== null) return found;
  }
  return null;
}

/** A refusal, in the words the learner will read. */
export function refused(message: string): CheckResult {
  return { ok: false, message };
}

/** What a link or file made by a later version of the sandbox is told. */
export function newerVersionMessage(what: 'link' | 'file'): string {
  return `This ${what} was made by a newer version of the sandbox. Reload the page to get the latest version, then open it again.`;
}
