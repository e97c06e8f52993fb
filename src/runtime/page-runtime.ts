/**
 * The fallback: the same engine and backends running in the page, for
 * browsers with no service worker (private modes, insecure origins). Sending
 * requests behaves exactly as with the worker; only the frame view needs a
 * worker, so `siteUrl` is '' here and the frame view shows a notice instead.
 */
import { Listeners } from './listeners';
import { SandboxCore } from './sandbox-core';
import type { Exchange, RuntimeNotice, SandboxRuntime } from './types';

export function createPageRuntime(core = new SandboxCore()): SandboxRuntime {
  const exchanges = new Listeners<Exchange>();
  const notices = new Listeners<RuntimeNotice>();
  let closed = false;
  const open = () => {
    if (closed) throw new Error('the sandbox runtime was closed');
  };
  return {
    mode: 'page',
    async load(scenario, mode) {
      open();
      return core.load(scenario, mode);
    },
    async send(spec) {
      open();
      const exchange = await core.send(spec);
      if (!closed) exchanges.emit(exchange);
      return exchange;
    },
    async sendBurst(spec, count) {
      open();
      const burst = await core.sendBurst(spec, count);
      if (!closed) for (const exchange of burst) exchanges.emit(exchange);
      return burst;
    },
    async setBackend(address, change) {
      open();
      return core.setBackend(address, change);
    },
    async backends() {
      open();
      return core.backends();
    },
    onExchange: (listener) => exchanges.add(listener),
    onNotice: (listener) => notices.add(listener),
    siteUrl: () => '',
    close() {
      closed = true;
      exchanges.clear();
      notices.clear();
    },
  };
}
