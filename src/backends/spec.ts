/** How a scenario describes its backends (the conformance format's `backends`, plus the lesson apps). */

export interface RouteSpec {
  /** Exact request path, without the query string. */
  path: string;
  status?: number;
  /** Response headers, names as given. */
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** The mock applications a backend can run (see `apps/`). */
export const APP_NAMES = ['echo', 'site', 'api', 'slow', 'flaky', 'caching'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** How an injected failure shows: an HTTP status, or the connection refused. */
export type FailStatus = number | 'refused';

export interface BackendSpec {
  /** What the backend calls itself (`x-backend`). */
  name: string;
  /** Which app answers; `echo` (the conformance format's) when absent. */
  app?: AppName;
  /** Nothing listens: connections are refused. */
  down?: boolean;
  /** Response headers added to every answer, whichever app (or failure) gives it. */
  headers?: Record<string, string>;
  /** Echo app only: fixed answers by path. */
  routes?: RouteSpec[];
  /** Extra time before every answer (the `slow` app starts with its own). */
  latencyMs?: number;
  /** Share of requests (0..1) that fail (the `flaky` app starts with its own). */
  failRate?: number;
  /** How those requests fail; 503 when absent. */
  failStatus?: FailStatus;
  /** Seed of the generator that decides which requests fail; from the address when absent. */
  seed?: number;
}

/** Keyed by the `address:port` the proxy dials. */
export type BackendMap = Record<string, BackendSpec>;
