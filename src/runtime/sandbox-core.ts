/**
 * The proxy and its backends as one object, with no idea where it runs: the
 * service worker and the in-page fallback both wrap this, so behaviour never
 * depends on which one the learner got.
 */
import { BackendControls, createBackendTransport } from '../backends';
import {
  clientRequest,
  createProxy,
  createSystemClock,
  isConfigError,
  type Clock,
  type ProxyEngine,
} from '../engine';
import type {
  BackendChange,
  BackendStates,
  ConfigProblem,
  Exchange,
  LoadMode,
  LoadResult,
  RuntimeScenario,
} from './types';
import type { ClientRequest } from '../scenario';

/** Requests a burst starts before it lets the event loop turn (about 10 ms of engine work). */
const BURST_SLICE = 50;

/** One turn of the event loop, without setTimeout's 4 ms clamp. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      port2.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** What survives the worker being stopped: enough to build the same proxy again. */
export interface CoreSnapshot {
  scenario: RuntimeScenario | null;
  changes: [address: string, change: BackendChange][];
  /** The next request id, so ids are not reused after a restart (absent in snapshots saved before). */
  nextId?: number;
}

const NO_CONFIG = 'connection refused: the proxy has no configuration loaded yet';

export class SandboxCore {
  private engine: ProxyEngine | null = null;
  private scenario: RuntimeScenario | null = null;
  private readonly changes = new Map<string, BackendChange>();
  private nextId = 1;
  /** The running scenario's backend controls (failures there are seeded, so they replay). */
  private controls: BackendControls | null = null;

  constructor(private readonly clock: Clock = createSystemClock()) {}

  /**
   * `nginx -s reload`: compile, and on a refused config keep the running one.
   * A new config starts with fresh counters, cache and limiter state, as a
   * reload's new workers do. A `fresh` load is a new sandbox: the learner's
   * changes to the backends are forgotten (a backend stopped in one lesson
   * must not stay stopped in the next); a `reload` keeps them, since
   * reloading nginx restarts no backend.
   */
  load(scenario: RuntimeScenario, mode: LoadMode = 'fresh'): LoadResult {
    const hosts = Object.keys(scenario.backends).map(hostOf);
    const changes = mode === 'fresh' ? new Map<string, BackendChange>() : this.changes;
    const controls = new BackendControls(scenario.backends);
    for (const [address, change] of changes) {
      if (controls.get(address)) controls.set(address, change);
    }
    const transport = createBackendTransport(scenario.backends, this.clock, controls);
    try {
      this.engine = createProxy(scenario.config, {
        clock: this.clock,
        transport,
        files: scenario.files,
        hosts,
      });
    } catch (error) {
      if (isConfigError(error)) return { ok: false, problem: problemOf(error) };
      return {
        ok: false,
        problem: {
          message: `the sandbox could not load this config: ${String(error)}`,
          line: null,
          file: 'nginx.conf',
          refusedBy: 'sandbox',
        },
      };
    }
    // Only now: a refused config leaves the running proxy, and so its backends' controls, in place.
    this.scenario = scenario;
    this.controls = controls;
    if (changes !== this.changes) {
      this.changes.clear();
      for (const [address, change] of changes) this.changes.set(address, change);
    }
    return { ok: true };
  }

  /** Merges into the backend's current changes; takes effect on the next request. */
  setBackend(address: string, change: BackendChange): BackendStates {
    // The controls refuse an address with no backend and values out of range, with a message.
    this.controls?.set(address, change);
    this.changes.set(address, { ...this.changes.get(address), ...change });
    return this.backends();
  }

  /** Every backend's state as its controls run it now (empty before a scenario loads). */
  backends(): BackendStates {
    return this.controls?.states() ?? {};
  }

  snapshot(): CoreSnapshot {
    return { scenario: this.scenario, changes: [...this.changes], nextId: this.nextId };
  }

  restore(snapshot: CoreSnapshot): LoadResult {
    if (Number.isSafeInteger(snapshot.nextId) && snapshot.nextId! > this.nextId)
      this.nextId = snapshot.nextId!;
    for (const [address, change] of snapshot.changes) this.changes.set(address, change);
    return snapshot.scenario ? this.load(snapshot.scenario, 'reload') : { ok: true };
  }

  /**
   * `count` copies of one request, all in flight together like a real burst.
   * They are started a slice at a time with a turn of the event loop between
   * slices, so a thousand never hold the thread for one long task (in the
   * page that would freeze the animation); the worker does the same, so a
   * burst behaves alike wherever the proxy runs.
   */
  async sendBurst(spec: ClientRequest, count: number): Promise<Exchange[]> {
    const pending: Promise<Exchange>[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % BURST_SLICE === 0) await nextTurn();
      pending.push(this.send(spec));
    }
    return Promise.all(pending);
  }

  /** Throws a TypeError for a URL that is not http(s). */
  async send(spec: ClientRequest): Promise<Exchange> {
    const sent = clientRequest({
      method: spec.method,
      url: spec.url,
      headers: spec.headers,
      body: spec.body,
      client: spec.client,
    });
    const id = this.nextId++;
    const requestId = String(id);
    if (!this.engine)
      return {
        requestId,
        sent,
        response: null,
        connectionError: NO_CONFIG,
        trace: [],
        upstreamRequest: null,
        upstreamResponse: null,
        accessLog: [],
      };
    const result = await this.engine.handle(sent, id);
    return { requestId, sent, ...result };
  }
}

function problemOf(error: {
  message: string;
  line: number | null;
  file: string;
  refusedBy: 'nginx' | 'sandbox';
}): ConfigProblem {
  return { message: error.message, line: error.line, file: error.file, refusedBy: error.refusedBy };
}

/** `app-a:8080` → `app-a`; `[::1]:80` → `[::1]`. */
function hostOf(address: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(address);
  return m ? m[1]! : address;
}
