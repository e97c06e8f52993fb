import { describe, expect, it } from 'vitest';
import { sandboxHarness } from './test-harness';
import type { BackendMap } from '../backends';
import type { ClientRequest } from '../scenario';

const spec: ClientRequest = {
  method: 'GET',
  url: 'http://example.com/',
  headers: [],
  body: null,
  client: '127.0.0.1',
};

/** A SandboxCore running two backends behind round robin; the harness fails the test if the config is refused. */
function core(backends: BackendMap) {
  return sandboxHarness(
    `events {}
http {
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; }
  server { listen 80; location / { proxy_pass http://app; } }
}
`,
    { backends },
  ).core;
}

/** Whether a macrotask queued now runs before `work` settles. */
async function letsOthersIn(work: () => Promise<unknown>): Promise<boolean> {
  let settled = false;
  let turned: boolean | null = null;
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    turned = !settled;
    port1.close();
    port2.close();
  };
  port2.postMessage(null);
  await work();
  settled = true;
  await new Promise((r) => setTimeout(r, 10));
  return turned === true;
}

describe('SandboxCore.sendBurst', () => {
  it('answers every request, in the order sent, with one request id each', async () => {
    const c = core({ '127.0.0.1:3001': { name: 'a' }, '127.0.0.1:3002': { name: 'b' } });
    const burst = await c.sendBurst(spec, 300);
    expect(burst).toHaveLength(300);
    expect(new Set(burst.map((e) => e.requestId)).size).toBe(300);
    expect(burst.map((e) => Number(e.requestId))).toEqual(
      [...burst.map((e) => Number(e.requestId))].sort((x, y) => x - y),
    );
    expect(burst.every((e) => e.response?.status === 200)).toBe(true);
  });

  it('lets the event loop turn between slices of a large burst, not within a small one', async () => {
    const c = core({ '127.0.0.1:3001': { name: 'a' }, '127.0.0.1:3002': { name: 'b' } });
    expect(await letsOthersIn(() => c.sendBurst(spec, 10))).toBe(false);
    expect(await letsOthersIn(() => c.sendBurst(spec, 200))).toBe(true);
  });

  it('is still one burst to nginx: a stopped server is tried once, then set aside', async () => {
    const c = core({
      '127.0.0.1:3001': { name: 'a', down: true },
      '127.0.0.1:3002': { name: 'b' },
    });
    const burst = await c.sendBurst(spec, 200);
    const refused = burst.flatMap((e) =>
      e.trace.filter((t) => t.type === 'backend' && t.outcome === 'refused'),
    );
    expect(refused).toHaveLength(1);
    expect(burst.every((e) => e.response?.status === 200)).toBe(true);
  });

  it('a backend refusing at a fail rate is set aside as quickly as a stopped one', async () => {
    const c = core({
      '127.0.0.1:3001': { name: 'a', failRate: 1, failStatus: 'refused' },
      '127.0.0.1:3002': { name: 'b' },
    });
    const burst = await c.sendBurst(spec, 100);
    const refused = burst.flatMap((e) =>
      e.trace.filter((t) => t.type === 'backend' && t.outcome === 'refused'),
    );
    expect(refused).toHaveLength(1);
    expect(burst.every((e) => e.response?.status === 200)).toBe(true);
  });
});
