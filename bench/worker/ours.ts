// Bench page: one request through the sandbox worker, the engine with tracing on, and back.
import { createWorkerRuntime } from '../../src/runtime/worker-runtime';
import { REQUEST, SCENARIO } from './scenario';

try {
  const runtime = await createWorkerRuntime();
  let exchanges = 0;
  runtime.onExchange(() => exchanges++);
  const loaded = await runtime.load(SCENARIO);
  if (!loaded.ok) throw new Error(loaded.problem.message);
  window.bench = {
    async roundTrip() {
      const start = performance.now();
      const exchange = await runtime.send(REQUEST);
      const ms = performance.now() - start;
      if (exchange.response?.status !== 200) throw new Error('the proxy did not answer 200');
      return ms;
    },
    async burst(n) {
      exchanges = 0;
      const start = performance.now();
      const all = await Promise.all(Array.from({ length: n }, () => runtime.send(REQUEST)));
      const ms = performance.now() - start;
      return { ms, ok: all.filter((e) => e.response?.status === 200).length, exchanges };
    },
    async burstInOne(n) {
      exchanges = 0;
      const start = performance.now();
      const all = await runtime.sendBurst(REQUEST, n);
      const ms = performance.now() - start;
      return { ms, ok: all.filter((e) => e.response?.status === 200).length, exchanges };
    },
  };
} catch (error) {
  window.benchError = String(error);
}
