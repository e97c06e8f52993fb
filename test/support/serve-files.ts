/**
 * An engine built from a config and a `files` map, with an echo backend on
 * 127.0.0.1:3001, for tests that look at one response and its trace.
 */
import { createBackendTransport, type BackendSpec } from '../../src/backends';
import {
  bodyText,
  clientRequest,
  createProxy,
  VirtualClock,
  type ClientRequestInit,
  type TraceEvent,
} from '../../src/engine';

export interface Served {
  status: number;
  /** Response headers by lower-cased name (the last value when repeated). */
  headers: Record<string, string>;
  /** Every response header in order, names lower-cased. */
  all: [string, string][];
  body: string;
  trace: TraceEvent[];
  /** The target the backend received, or null. */
  upstream: string | null;
}

export function serveFiles(
  config: string,
  files: Record<string, string>,
  backend: Partial<BackendSpec> = {},
) {
  const clock = new VirtualClock();
  const transport = createBackendTransport(
    { '127.0.0.1:3001': { name: 'app', ...backend } },
    clock,
  );
  const engine = createProxy(config, { clock, transport, files, stockFiles: false });
  return async (url: string, init: Omit<ClientRequestInit, 'url'> = {}): Promise<Served> => {
    const result = await engine.handle(clientRequest({ url: 'http://example.com' + url, ...init }));
    const res = result.response!;
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers.map(([n, v]) => [n.toLowerCase(), v])),
      all: res.headers.map(([n, v]) => [n.toLowerCase(), v]),
      body: bodyText(res.body),
      trace: result.trace,
      upstream: result.upstreamRequest?.target ?? null,
    };
  };
}

/** The reasons of a trace's events of one type, in order. */
export function reasons(trace: TraceEvent[], type: TraceEvent['type']): string[] {
  return trace.filter((e) => e.type === type).map((e) => ('reason' in e ? e.reason : ''));
}
