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
export type AppName = 'echo' | 'site' | 'api' | 'caching';

export interface BackendSpec {
  /** What the backend calls itself (`x-backend`). */
  name: string;
  /** Which app answers; `echo` (the conformance format's) when absent. */
  app?: AppName;
  /** Nothing listens: connections are refused. */
  down?: boolean;
  /** Echo app only: fixed answers by path. */
  routes?: RouteSpec[];
}

/** Keyed by the `address:port` the proxy dials. */
export type BackendMap = Record<string, BackendSpec>;
