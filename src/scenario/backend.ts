/**
 * How a scenario describes its backends (the conformance format's `backends`,
 * plus the lesson apps): one schema, so a lesson, a shared link and a file
 * are held to the same rules, and the types are read from it.
 */
import { z } from 'zod';
import { CONTROL, headerName, headerValue, KIB, lineText, milliseconds, status } from './fields.ts';

/** The mock applications a backend can run (see `src/backends/apps/`). */
export const APP_NAMES = ['echo', 'site', 'api', 'slow', 'flaky', 'caching'] as const;
export type AppName = (typeof APP_NAMES)[number];

const responseHeaders = z.record(headerName, headerValue);

const routeSchema = z.strictObject({
  /** Exact request path, without the query string. */
  path: z
    .string()
    .startsWith('/', 'must start with /')
    .max(2 * KIB, 'must be at most 2 KB')
    .refine(
      (p) => !/\s/.test(p) && !CONTROL.test(p),
      'must not contain spaces or control characters',
    ),
  status: status.optional(),
  /** Response headers, names as given. */
  headers: responseHeaders.optional(),
  body: z.string().optional(),
  /** Wait this long before answering. */
  delayMs: milliseconds.optional(),
});

/** How an injected failure shows: an HTTP status, or the connection refused. */
const failStatusSchema = z.union([status, z.literal('refused')], {
  error: 'must be a status between 100 and 599, or "refused"',
});

export const backendSchema = z.strictObject({
  /** What the backend calls itself (`x-backend`). */
  name: lineText(100).min(1, 'must not be empty'),
  /** Which app answers; `echo` (the conformance format's) when absent. */
  app: z.enum(APP_NAMES, { error: `must be one of ${APP_NAMES.join(', ')}` }).optional(),
  /** Nothing listens: connections are refused. */
  down: z.boolean().optional(),
  /** Echo app only: fixed answers by path. */
  routes: z.array(routeSchema).max(200, 'must have at most 200 routes').optional(),
  /** Extra time before every answer (the `slow` app starts with its own). */
  latencyMs: milliseconds.optional(),
  /** Share of requests (0..1) that fail (the `flaky` app starts with its own). */
  failRate: z
    .number()
    .min(0, 'must be between 0 and 1')
    .max(1, 'must be between 0 and 1')
    .optional(),
  /** How those requests fail; 503 when absent. */
  failStatus: failStatusSchema.optional(),
  /** Seed of the generator that decides which requests fail; from the address when absent. */
  seed: z.number().int('must be a whole number').optional(),
  /** Response headers added to every answer, whichever app (or failure) gives it. */
  headers: responseHeaders.optional(),
});

/** `host:port` as the proxy dials it: a name, an IPv4 address or a bracketed IPv6 one. */
export const backendAddress = z
  .string()
  .regex(
    /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):\d{1,5}$/,
    'a backend is keyed by host:port, like 127.0.0.1:3001',
  )
  .refine((a) => {
    // An address without a port is the pattern's to report.
    const port = /:(\d+)$/.exec(a)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
  }, 'the port must be between 1 and 65535');

/** Keyed by the `address:port` the proxy dials. */
export const backendMapSchema = z
  .record(backendAddress, backendSchema)
  .refine((b) => Object.keys(b).length <= 100, 'must have at most 100 backends');

export type RouteSpec = z.output<typeof routeSchema>;
export type FailStatus = z.output<typeof failStatusSchema>;
export type BackendSpec = z.output<typeof backendSchema>;
export type BackendMap = z.output<typeof backendMapSchema>;
