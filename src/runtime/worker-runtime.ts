/**
 * The page's side of the service-worker runtime: registers `/sw.js`, waits
 * until the worker controls the page (a request sent before that would miss
 * it), connects a MessagePort for exchanges and notices, and after a worker
 * update loads the scenario into the new worker again.
 */
import { decodeEnvelope, decodeBurst } from './codec';
import { Listeners } from './listeners';
import {
  SANDBOX_PREFIX,
  SESSION_HEADER,
  sitePath,
  WORKER_HEADER,
  type ControlReply,
  type ControlRequest,
  type PageMessage,
  type PortMessage,
  type ReconnectMessage,
} from './protocol';
import type {
  BackendChange,
  BackendStates,
  Exchange,
  LoadMode,
  LoadResult,
  RuntimeNotice,
  RuntimeScenario,
  SandboxRuntime,
} from './types';

export interface WorkerRuntimeOptions {
  /** `/sw.js` unless a test or bench serves the worker elsewhere. */
  scriptUrl?: string;
  /** `module` in dev (the worker has imports), `classic` for the built one-file worker. */
  type?: WorkerType;
  /** How long to wait for the worker to control the page before giving up. */
  timeoutMs?: number;
}

export async function createWorkerRuntime(
  options: WorkerRuntimeOptions = {},
): Promise<SandboxRuntime> {
  const container = navigator.serviceWorker;
  const registration = await container.register(options.scriptUrl ?? '/sw.js', {
    scope: '/',
    type: options.type ?? (import.meta.env.DEV ? 'module' : 'classic'),
    updateViaCache: 'none',
  });
  await withTimeout(
    controlled(container, registration),
    options.timeoutMs ?? 10_000,
    'the sandbox worker did not take control of this page',
  );
  return new WorkerRuntime(container).start();
}

/** Resolves once a worker controls this page; first visits wait for the worker's `clients.claim()`. */
async function controlled(
  container: ServiceWorkerContainer,
  registration: ServiceWorkerRegistration,
): Promise<void> {
  if (container.controller) return;
  const change = new Promise<void>((resolve) =>
    container.addEventListener('controllerchange', () => resolve(), { once: true }),
  );
  await container.ready;
  if (container.controller) return;
  // Active but not controlling (a shift-reload): ask it to claim this page.
  const claim: PageMessage = { type: 'claim' };
  registration.active?.postMessage(claim);
  await change;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

class WorkerRuntime implements SandboxRuntime {
  readonly mode = 'worker';
  private readonly session = crypto.randomUUID();
  private readonly exchanges = new Listeners<Exchange>();
  private readonly notices = new Listeners<RuntimeNotice>();
  private port: MessagePort | null = null;
  /** What to load into a new worker after an update: the last scenario that loaded, and live changes. */
  private scenario: RuntimeScenario | null = null;
  private readonly changes = new Map<string, BackendChange>();
  private closed = false;

  constructor(private readonly container: ServiceWorkerContainer) {}

  start(): this {
    this.container.addEventListener('controllerchange', this.onControllerChange);
    this.container.addEventListener('message', this.onWorkerMessage);
    this.connect();
    return this;
  }

  async load(scenario: RuntimeScenario, mode: LoadMode = 'fresh'): Promise<LoadResult> {
    const reply = await this.control({ type: 'load', scenario, mode });
    const result = reply.load ?? { ok: true };
    if (result.ok) {
      this.scenario = scenario;
      if (mode === 'fresh') this.changes.clear();
    }
    return result;
  }

  async send(spec: Parameters<SandboxRuntime['send']>[0]): Promise<Exchange> {
    const response = await this.post('request', JSON.stringify(spec));
    const envelope = decodeEnvelope(await response.text());
    if (!envelope.ok) throw new Error(envelope.error);
    if (!this.closed) this.exchanges.emit(envelope.exchange);
    return envelope.exchange;
  }

  async sendBurst(spec: Parameters<SandboxRuntime['send']>[0], count: number): Promise<Exchange[]> {
    const response = await this.post('burst', JSON.stringify({ spec, count }));
    const text = await response.text();
    if (!response.ok) throw new Error((JSON.parse(text) as { error?: string }).error ?? text);
    const exchanges = decodeBurst(text);
    if (!this.closed) for (const exchange of exchanges) this.exchanges.emit(exchange);
    return exchanges;
  }

  async setBackend(address: string, change: BackendChange): Promise<BackendStates> {
    const reply = await this.control({ type: 'set-backend', address, change });
    this.changes.set(address, { ...this.changes.get(address), ...change });
    return reply.backends ?? {};
  }

  async backends(): Promise<BackendStates> {
    return (await this.control({ type: 'backends' })).backends ?? {};
  }

  onExchange(listener: (exchange: Exchange) => void): () => void {
    return this.exchanges.add(listener);
  }

  onNotice(listener: (notice: RuntimeNotice) => void): () => void {
    return this.notices.add(listener);
  }

  siteUrl(host: string, path: string): string {
    return sitePath(this.session, host, path);
  }

  close(): void {
    this.closed = true;
    this.container.removeEventListener('controllerchange', this.onControllerChange);
    this.container.removeEventListener('message', this.onWorkerMessage);
    this.port?.close();
    this.port = null;
    this.exchanges.clear();
    this.notices.clear();
  }

  /** A port for this page's exchanges and notices; the worker flushes what waited for it. */
  private connect(): void {
    const controller = this.container.controller;
    if (!controller || this.closed) return;
    this.port?.close();
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<PortMessage>) => {
      if (this.closed) return;
      const message = event.data;
      if (message.type === 'exchange') this.exchanges.emit(message.exchange);
      else this.notices.emit(message.notice);
    };
    this.port = channel.port1;
    const connect: PageMessage = { type: 'connect', session: this.session };
    controller.postMessage(connect, [channel.port2]);
  }

  /** A new worker took over (an update): it knows nothing of this page, so load everything again. */
  private readonly onControllerChange = () => {
    if (this.closed || !this.container.controller) return;
    this.connect();
    void this.reloadIntoNewWorker();
  };

  private async reloadIntoNewWorker(): Promise<void> {
    try {
      if (this.scenario)
        await this.control({ type: 'load', scenario: this.scenario, mode: 'fresh' });
      for (const [address, change] of this.changes)
        await this.control({ type: 'set-backend', address, change });
      this.notices.emit({
        kind: 'worker-updated',
        message:
          'A new version of the sandbox worker took over. Your scenario was loaded into it again; ' +
          'request counters, the cache and rate-limit state start fresh.',
      });
    } catch (error) {
      this.notices.emit({
        kind: 'error',
        message: `The sandbox worker was updated and your scenario could not be loaded into it: ${String(error)}`,
      });
    }
  }

  /** The worker restarted and lost this page's port: it asks for a new one. */
  private readonly onWorkerMessage = (event: MessageEvent) => {
    const data = event.data as Partial<ReconnectMessage> | null;
    if (data?.type === 'sandbox-reconnect' && data.session === this.session) this.connect();
  };

  private async control(message: ControlRequest): Promise<ControlReply & { ok: true }> {
    const response = await this.post('control', JSON.stringify(message));
    const reply = JSON.parse(await response.text()) as ControlReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  private async post(endpoint: string, body: string): Promise<Response> {
    if (this.closed) throw new Error('the sandbox runtime was closed');
    const response = await fetch(`${SANDBOX_PREFIX}${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SESSION_HEADER]: this.session },
      body,
    });
    if (!response.headers.has(WORKER_HEADER)) {
      const message =
        'the sandbox worker no longer controls this page (it was unregistered); reload the page';
      this.notices.emit({ kind: 'error', message });
      throw new Error(message);
    }
    return response;
  }
}
