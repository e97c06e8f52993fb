/**
 * Picks where the proxy runs: the service worker when the browser gives us
 * one, else the page itself with a notice saying so. Never a blank screen:
 * every way registration can fail ends in the page runtime and a notice.
 * The page runtime (the whole engine, the backends and MSW) is imported only
 * when it is needed, so a page the worker serves never downloads it.
 */
import type { RuntimeNotice, SandboxRuntime } from './types';
import { createWorkerRuntime, type WorkerRuntimeOptions } from './worker-runtime';

export async function createRuntime(options: WorkerRuntimeOptions = {}): Promise<SandboxRuntime> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext)
    return withStickyNotice(
      await pageRuntime(),
      'This browser gives the sandbox no service worker here (a private window or an address ' +
        'that is not https), so the proxy runs inside the page. Requests behave the same; ' +
        'only the browser-frame view needs the worker.',
    );
  try {
    return await createWorkerRuntime(options);
  } catch (error) {
    return withStickyNotice(
      await pageRuntime(),
      `The sandbox worker could not start (${error instanceof Error ? error.message : String(error)}), ` +
        'so the proxy runs inside the page. Requests behave the same; only the browser-frame view needs the worker.',
    );
  }
}

async function pageRuntime(): Promise<SandboxRuntime> {
  const { createPageRuntime } = await import('./page-runtime');
  return createPageRuntime();
}

/** The fallback notice reaches every listener, even one subscribed after the runtime was made. */
function withStickyNotice(runtime: SandboxRuntime, message: string): SandboxRuntime {
  const notice: RuntimeNotice = { kind: 'fallback', message };
  return {
    mode: runtime.mode,
    load: (scenario, mode) => runtime.load(scenario, mode),
    send: (spec) => runtime.send(spec),
    sendBurst: (spec, count) => runtime.sendBurst(spec, count),
    setBackend: (address, change) => runtime.setBackend(address, change),
    backends: () => runtime.backends(),
    onExchange: (listener) => runtime.onExchange(listener),
    onNotice: (listener) => {
      listener(notice);
      return runtime.onNotice(listener);
    },
    siteUrl: (host, path) => runtime.siteUrl(host, path),
    close: () => runtime.close(),
  };
}
