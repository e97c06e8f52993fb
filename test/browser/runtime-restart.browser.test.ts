// The browser stops idle service workers (after ~30 s); here it is forced through the DevTools protocol.
import { cdp } from 'vitest/browser';
import { afterAll, expect, test } from 'vitest';
import { bodyText } from '../../src/engine';
import type { RuntimeNotice } from '../../src/runtime/types';
import { createWorkerRuntime } from '../../src/runtime/worker-runtime';
import { get, SCENARIO } from './runtime-behaviour';
import { unregisterWorkers } from './workers';

afterAll(unregisterWorkers);

async function stopWorkers(): Promise<void> {
  const session = cdp();
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.send('ServiceWorker.disable');
}

test('a worker stopped mid-session restores the scenario and says what was reset', async () => {
  const runtime = await createWorkerRuntime();
  const notices: RuntimeNotice[] = [];
  runtime.onNotice((n) => notices.push(n));
  const changed = SCENARIO.config.replace(
    'location / {',
    'location / {\n      add_header X-Lesson 7;',
  );
  expect(await runtime.load({ ...SCENARIO, config: changed })).toEqual({ ok: true });
  await runtime.setBackend('127.0.0.1:3000', { latencyMs: 1 });
  expect((await runtime.send(get('/before'))).requestId).toBe('1');

  await stopWorkers();

  const after = await runtime.send(get('/after'));
  expect(after.response?.status).toBe(200);
  expect(bodyText(after.response!.body)).toContain('"uri":"/after"');
  // The reloaded config, not a default one, answered: its header is there.
  expect(after.response!.headers).toContainEqual(['X-Lesson', '7']);
  // A fresh proxy (its counters start again), but ids go on: the page still holds request 1's exchange.
  expect(after.requestId).toBe('2');
  expect(after.trace.every((e) => e.requestId === 2)).toBe(true);
  await expect.poll(() => notices.map((n) => n.kind)).toEqual(['state-reset']);
  expect(notices[0]!.message).toMatch(/counters, the cache and rate-limit state/);
  runtime.close();
});
