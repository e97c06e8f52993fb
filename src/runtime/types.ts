/**
 * The contract between the page and whatever runs the proxy: the service
 * worker (`src/sw/`) or, where no worker can be had, the page itself. The UI
 * talks only to a SandboxRuntime, so behaviour never depends on which runs.
 */
import type { BackendState } from '../backends/controls';
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
  /** The request's one id: the same number its trace events carry, never reused within a page's sandbox. */
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

/** How each of the scenario's backends runs right now (stopped, slowed, failing), by address, as the runtime reports it. */
export type BackendStates = Record<string, BackendState>;

/**
 * How a scenario is loaded. `fresh` (a lesson or scenario opened): a new
 * sandbox whose backends start as the scenario says, forgetting what the
 * learner changed before. `reload` (the same scenario's config applied again,
 * like `nginx -s reload`): the backends keep running as they were.
 */
export type LoadMode = 'fresh' | 'reload';

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
  /** Loads a scenario, `fresh` unless told otherwise (see LoadMode). */
  load(scenario: RuntimeScenario, mode?: LoadMode): Promise<LoadResult>;
  send(spec: ClientRequest): Promise<Exchange>;
  /**
   * Sends `count` copies of a request at once (a burst). They run through the
   * engine concurrently like separate requests; the worker takes them in one
   * message rather than `count` fetches, which the browser would queue.
   */
  sendBurst(spec: ClientRequest, count: number): Promise<Exchange[]>;
  /** Applies a change to one running backend; answers every backend's state after it. */
  setBackend(address: string, change: BackendChange): Promise<BackendStates>;
  /** Every backend's state now: as the scenario started it, with the learner's changes. */
  backends(): Promise<BackendStates>;
  /** Traces of every request, including those a frame's navigation made, in order, per request id. */
  onExchange(listener: (exchange: Exchange) => void): () => void;
  onNotice(listener: (notice: RuntimeNotice) => void): () => void;
  /** The URL a frame loads to browse `http://host/path` through the proxy. */
  siteUrl(host: string, path: string): string;
  close(): void;
}
