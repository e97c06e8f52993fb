import { describe, expect, it } from 'vitest';
import type { BackendMap } from '../scenario';
import { backendsFor } from './test-support';

describe('a backend’s extra response headers', () => {
  const backends: BackendMap = {
    '127.0.0.1:3001': {
      name: 'app',
      headers: { 'X-Served-By': 'blue', 'Cache-Control': 'no-store' },
    },
    '127.0.0.1:3002': { name: 'api', app: 'api', headers: { 'X-Env': 'staging' } },
    '127.0.0.1:3003': { name: 'broken', failRate: 1, headers: { 'X-Env': 'staging' } },
    '127.0.0.1:3004': { name: 'gone', down: true, headers: { 'X-Env': 'staging' } },
  };
  const { send } = backendsFor(backends);

  it('come on every answer of the echo app, after its own', async () => {
    const outcome = await send('127.0.0.1:3001/anything');
    expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    if (outcome.kind !== 'response') return;
    expect(outcome.headers.slice(-2)).toEqual([
      ['X-Served-By', 'blue'],
      ['Cache-Control', 'no-store'],
    ]);
    expect(outcome.headers).toContainEqual(['x-backend', 'app']);
  });

  it('come on other apps’ answers and on failures made on purpose', async () => {
    for (const target of ['127.0.0.1:3002/api/health', '127.0.0.1:3003/']) {
      const outcome = await send(target);
      expect(outcome.kind).toBe('response');
      if (outcome.kind === 'response') expect(outcome.headers).toContainEqual(['X-Env', 'staging']);
    }
  });

  it('leave a refused connection refused', async () => {
    expect(await send('127.0.0.1:3004/')).toEqual({ kind: 'refused' });
  });
});
