/**
 * A burst: 10,000 requests sent at once through limit_req and a balanced
 * upstream of three backends, timed from the first send to the last answer.
 */
import { createBackendTransport } from '../src/backends';
import { clientRequest, createProxy, VirtualClock } from '../src/engine';
import { median, progress, type Figure } from './figure';

const CONFIG = `events {}
http {
  limit_req_zone $binary_remote_addr zone=perclient:10m rate=100r/s;
  upstream app {
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  server {
    listen 80;
    location / {
      limit_req zone=perclient burst=100 nodelay;
      proxy_pass http://app;
    }
  }
}
`;

const BURST = 10_000;

async function burstOnce(): Promise<{ ms: number; passed: number; rejected: number }> {
  const clock = new VirtualClock();
  const transport = createBackendTransport(
    {
      '127.0.0.1:3001': { name: 'a' },
      '127.0.0.1:3002': { name: 'b' },
      '127.0.0.1:3003': { name: 'c' },
    },
    clock,
  );
  const engine = createProxy(CONFIG, { clock, transport });
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      engine.handle(
        clientRequest({ url: `http://example.com/r/${i}`, client: `127.0.0.${1 + (i % 20)}` }),
      ),
    ),
  );
  const ms = performance.now() - start;
  const passed = results.filter((r) => r.response?.status === 200).length;
  const rejected = results.filter((r) => r.response?.status === 503).length;
  if (passed + rejected !== BURST)
    throw new Error(
      `burst bench: ${BURST - passed - rejected} requests neither passed nor rejected`,
    );
  return { ms, passed, rejected };
}

export async function burstBench(): Promise<Figure[]> {
  const times: number[] = [];
  let last = { passed: 0, rejected: 0 };
  for (let i = 0; i < 3; i++) {
    const run = await burstOnce();
    times.push(run.ms);
    last = run;
    progress(`burst: ${Math.round(run.ms)} ms (${run.passed} passed, ${run.rejected} rejected)`);
  }
  return [
    {
      name: '10,000-request burst through limit_req + balancing',
      value: median(times),
      unit: 'ms',
      target: '< 1000',
    },
    {
      name: 'burst requests passed by limit_req (20 clients, burst 100)',
      value: last.passed,
      unit: 'req',
    },
  ];
}
