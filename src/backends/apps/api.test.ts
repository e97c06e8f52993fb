import { describe, expect, it } from 'vitest';
import { backendsFor } from '../test-support';

const { answer } = backendsFor({ '127.0.0.1:4000': { name: 'api-1', app: 'api' } });
const proxied = {
  headers: [
    ['X-Forwarded-For', '10.0.0.7'],
    ['X-Real-IP', '10.0.0.7'],
  ] as [string, string][],
};

describe('the api app', () => {
  it('reports its health and the client headers it saw', async () => {
    const health = await answer('127.0.0.1:4000/api/health', proxied);
    expect(health.status).toBe(200);
    expect(health.header('content-type')).toBe('application/json');
    expect(health.header('x-backend')).toBe('api-1');
    expect(health.json()).toEqual({
      backend: 'api-1',
      status: 'ok',
      seen: { host: 'example.com', 'x-forwarded-for': '10.0.0.7', 'x-real-ip': '10.0.0.7' },
    });
    const direct = await answer('127.0.0.1:4000/api/health');
    expect(direct.json()['seen']).toEqual({
      host: 'example.com',
      'x-forwarded-for': null,
      'x-real-ip': null,
    });
  });

  it('lists users and finds one by id', async () => {
    const list = await answer('127.0.0.1:4000/api/users?page=1');
    expect(list.json()['users']).toHaveLength(3);
    const one = await answer('127.0.0.1:4000/api/users/2');
    expect(one.json()['user']).toEqual({ id: 2, name: 'Grace Hopper', email: 'grace@example.com' });
  });

  it('answers a POST with 201, the created object and its Location', async () => {
    const created = await answer('127.0.0.1:4000/api/users', {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"name":"Radia Perlman"}',
    });
    expect(created.status).toBe(201);
    expect(created.header('location')).toBe('/api/users/4');
    expect(created.json()['created']).toEqual({ id: 4, name: 'Radia Perlman' });
    const bad = await answer('127.0.0.1:4000/api/users', { method: 'POST', body: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('answers 404 JSON for unknown users and paths', async () => {
    for (const path of ['/api/users/99', '/api/nothing', '/']) {
      const missing = await answer(`127.0.0.1:4000${path}`);
      expect(missing.status).toBe(404);
      expect(missing.header('x-backend')).toBe('api-1');
      expect(missing.json()).toMatchObject({ backend: 'api-1', error: 'not found', uri: path });
    }
  });
});
