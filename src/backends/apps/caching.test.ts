import { describe, expect, it } from 'vitest';
import { backendsFor } from '../test-support';

const address = '127.0.0.1:7000';

describe('the caching app', () => {
  it.each([
    ['/max-age', 'cache-control', 'max-age=60'],
    ['/public', 'cache-control', 'public, max-age=300'],
    ['/private', 'cache-control', 'private, max-age=60'],
    ['/no-cache', 'cache-control', 'no-cache'],
    ['/no-store', 'cache-control', 'no-store'],
    ['/x-accel-expires', 'x-accel-expires', '30'],
    ['/vary', 'vary', 'Accept-Encoding'],
    ['/expired', 'expires', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ])('%s sends %s: %s', async (path, name, value) => {
    const { answer } = backendsFor({ [address]: { name: 'cache-me', app: 'caching' } });
    const a = await answer(address + path);
    expect(a.status).toBe(200);
    expect(a.header(name)).toBe(value);
    expect(a.header('x-backend')).toBe('cache-me');
    expect(a.json()).toMatchObject({ backend: 'cache-me', path, answered: 1 });
  });

  it('counts the answers per path, so a cached copy shows an old count', async () => {
    const { answer } = backendsFor({ [address]: { name: 'cache-me', app: 'caching' } });
    await answer(`${address}/max-age`);
    expect((await answer(`${address}/max-age`)).json()['answered']).toBe(2);
    expect((await answer(`${address}/public`)).json()['answered']).toBe(1);
  });

  it('sends Expires a minute after the virtual now, and a new cookie each time', async () => {
    const { answer, clock } = backendsFor({ [address]: { name: 'cache-me', app: 'caching' } });
    clock.advanceTo(5000);
    expect((await answer(`${address}/expires`)).header('expires')).toBe(
      'Thu, 01 Jan 2026 00:01:05 GMT',
    );
    expect((await answer(`${address}/set-cookie`)).header('set-cookie')).toBe(
      'session=cache-me-1; Path=/; HttpOnly',
    );
    expect((await answer(`${address}/set-cookie`)).header('set-cookie')).toBe(
      'session=cache-me-2; Path=/; HttpOnly',
    );
  });

  it('answers 304 on /etag and /last-modified when the client has the current copy', async () => {
    const { answer } = backendsFor({ [address]: { name: 'cache-me', app: 'caching' } });
    const tagged = await answer(`${address}/etag`);
    const etag = tagged.header('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const revalidated = await answer(`${address}/etag`, { headers: [['If-None-Match', etag]] });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    const dated = await answer(`${address}/last-modified`);
    const since = await answer(`${address}/last-modified`, {
      headers: [['If-Modified-Since', dated.header('last-modified')!]],
    });
    expect(since.status).toBe(304);
  });

  it('lists its paths at / and answers 404 elsewhere', async () => {
    const { answer } = backendsFor({ [address]: { name: 'cache-me', app: 'caching' } });
    expect(Object.keys((await answer(`${address}/`)).json()['paths'] as object)).toContain(
      '/no-store',
    );
    expect((await answer(`${address}/nothing`)).status).toBe(404);
  });
});
