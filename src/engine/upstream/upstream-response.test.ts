/**
 * HandleResult.upstreamResponse: the backend's answer as it sent it, so the
 * inspector can set it beside what nginx made of it.
 */
import { describe, expect, it } from 'vitest';
import { createBackendTransport, type BackendMap } from '../../backends';
import { clientRequest, createProxy, headerValue, VirtualClock } from '..';
import { decodeEnvelope, encodeEnvelope } from '../../runtime/codec';

function proxy(inside: string, backends: BackendMap) {
  const clock = new VirtualClock();
  const engine = createProxy(`events {}\nhttp {\n${inside}\n}\n`, {
    clock,
    transport: createBackendTransport(backends, clock),
    stockFiles: false,
  });
  return (url: string) => engine.handle(clientRequest({ url: `http://example.com${url}` }));
}

const ROUTES: BackendMap = {
  '127.0.0.1:3001': {
    name: 'app',
    routes: [{ path: '/x', headers: { 'X-Powered-By': 'PHP/8', 'X-Accel-Buffering': 'no' } }],
  },
};

describe('upstreamResponse', () => {
  it('keeps the headers nginx hides and lacks the ones it adds', async () => {
    const get = proxy(
      `server { listen 80; location / { add_header X-Frame-Options DENY;
        proxy_pass http://127.0.0.1:3001; } }`,
      ROUTES,
    );
    const result = await get('/x');
    const backend = result.upstreamResponse!;
    expect(backend.address).toBe('127.0.0.1:3001');
    expect(backend.status).toBe(200);
    expect(headerValue(backend.headers, 'x-powered-by')).toBe('PHP/8');
    expect(headerValue(backend.headers, 'x-accel-buffering')).toBe('no');
    expect(headerValue(backend.headers, 'x-frame-options')).toBeUndefined();
    expect(headerValue(result.response!.headers, 'x-accel-buffering')).toBeUndefined();
    expect(headerValue(result.response!.headers, 'x-frame-options')).toBe('DENY');
  });

  it('is null when no backend answered: nginx answers itself, or every try was refused', async () => {
    const own = proxy(`server { listen 80; location / { return 200 ok; } }`, ROUTES);
    expect((await own('/x')).upstreamResponse).toBeNull();
    const down = proxy(`server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`, {
      '127.0.0.1:3001': { name: 'app', down: true },
    });
    const refused = await down('/x');
    expect(refused.response!.status).toBe(502);
    expect(refused.upstreamResponse).toBeNull();
  });

  it('is null on a cache HIT', async () => {
    const get = proxy(
      `proxy_cache_path cache keys_zone=main:1m;
      server { listen 80; location / { proxy_cache main; proxy_cache_valid 200 10s;
        proxy_pass http://127.0.0.1:3001; } }`,
      { '127.0.0.1:3001': { name: 'app' } },
    );
    expect((await get('/x')).upstreamResponse).not.toBeNull();
    expect((await get('/x')).upstreamResponse).toBeNull();
  });

  it('survives the codec, body and all', async () => {
    const get = proxy(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`,
      ROUTES,
    );
    const result = await get('/x');
    const sent = clientRequest({ url: 'http://example.com/x' });
    const decoded = decodeEnvelope(
      encodeEnvelope({ ok: true, exchange: { requestId: '1', sent, ...result } }),
    );
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.exchange.upstreamResponse).toEqual(result.upstreamResponse);
  });
});
