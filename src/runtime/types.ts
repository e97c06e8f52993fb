/**
 * The contract between the page and whatever runs the proxy: the service
 * worker (`src/sw/`) or, where no worker can be had, the page itself. The UI
 * talks only to a SandboxRuntime, so behaviour never depends on which runs.
 */
import type { ClientRequest, Scenario } from '../scenario';
import type {
  EngineResponse,
  IncomingRequest,
  TraceEvent,
  UpstreamRequest,
  UpstreamResponse,
} from '../engine';

/** What the proxy runs: nginx.conf, its backends, and the files on its virtual disk. */
export type RuntimeScenario = Pick<Scenario, 'config' | 'backends'> &
  Partial<Pick<Scenario, 'files'>>;

/** A config the proxy refused, in nginx's words (ConfigError as plain data). */
export interface ConfigProblem {
  message: string;
  line: number | null;
  file: string;
  /** `nginx`: nginx -t would refuse it too; `sandbox`: valid nginx the sandbox does not simulate yet. */
  refusedBy: 'nginx' | 'sandbox';
}

/** Like `nginx -s reload`: a refused config leaves the previous one serving. */
export type LoadResult = { ok: true } | { ok: false; problem: ConfigProblem };

/** Everything about one request: what was sent, what came back, and every decision on the way. */
export interface Exchange {
  requestId: string;
  sent: IncomingRequest;
  /** null when no HTTP response came back (see connectionError). */
  response: EngineResponse | null;
  connectionError: string | null;
  trace: TraceEvent[];
  upstreamRequest: UpstreamRequest | null;
  /** The last backend's answer as it sent it, before nginx changed it; null when no backend answered. */
  upstreamResponse: UpstreamResponse | null;
  accessLog: { path: string; line: string }[];
}

/** Changes to a running backend, applied without reloading the scenario. */
export interface BackendChange {
  /** Stopped: connections are refused. */
  down?: boolean;
  /** Extra time before every answer. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with failStatus. */
  failRate?: number;
  failStatus?: number;
}

/** Something the learner should be told (the worker restarted and counters were reset, fallback mode...). */
export interface RuntimeNotice {
  kind: 'state-reset' | 'fallback' | 'worker-updated' | 'error';
  message: string;
}

export interface SandboxRuntime {
  /** Where the proxy runs. */
  readonly mode: 'worker' | 'page';
  load(scenario: RuntimeScenario): Promise<LoadResult>;
  send(spec: ClientRequest): Promise<Exchange>;
  /**
   * Sends `count` copies of a request at once (a burst). They run through the
   * engine concurrently like separate requests; the worker takes them in one
   * message rather than `count` fetches, which the browser would queue.
   */
  sendBurst(spec: ClientRequest, count: number): Promise<Exchange[]>;
  setBackend(address: string, change: BackendChange): Promise<void>;
  /** Traces of every request, including those a frame's navigation made, in order, per request id. */
  onExchange(listener: (exchange: Exchange) => void): () => void;
  onNotice(listener: (notice: RuntimeNotice) => void): () => void;
  /** The URL a frame loads to browse `http://host/path` through the proxy. */
  siteUrl(host: string, path: string): string;
  close(): void;
}
