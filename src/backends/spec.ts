/** How a scenario describes its backends (the conformance format's `backends`). */

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

export interface BackendSpec {
  /** What the backend calls itself (`x-backend`). */
  name: string;
  /** Nothing listens: connections are refused. */
  down?: boolean;
  routes?: RouteSpec[];
}

/** Keyed by the `address:port` the proxy dials. */
export type BackendMap = Record<string, BackendSpec>;
