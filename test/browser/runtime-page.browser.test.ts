// The in-page fallback passes the same behaviour tests as the worker.
import { describe, expect, test } from 'vitest';
import { createRuntime } from '../../src/runtime/create-runtime';
import { createPageRuntime } from '../../src/runtime/page-runtime';
import type { RuntimeNotice } from '../../src/runtime/types';
import { get, runtimeBehaviour, SCENARIO } from './runtime-behaviour';

describe('page runtime', () => {
  runtimeBehaviour(async () => createPageRuntime());

  test('has no frame URL: frames need the worker', () => {
    const runtime = createPageRuntime();
    expect(runtime.mode).toBe('page');
    expect(runtime.siteUrl('example.com', '/')).toBe('');
  });
});

test('createRuntime falls back to the page, with a notice, when the worker cannot start', async () => {
  const runtime = await createRuntime({ scriptUrl: '/no-such-worker.js' });
  const notices: RuntimeNotice[] = [];
  runtime.onNotice((n) => notices.push(n));
  expect(runtime.mode).toBe('page');
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatchObject({ kind: 'fallback' });
  expect(notices[0]!.message).toMatch(/runs inside the page/);
  expect((await runtime.load(SCENARIO)).ok).toBe(true);
  expect((await runtime.send(get('/'))).response?.status).toBe(200);
  runtime.close();
});
