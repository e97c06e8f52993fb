/**
 * What every SandboxRuntime must do, whichever runs the engine: the worker
 * and page runtime test files both run these, so the fallback can never
 * quietly behave differently.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { bodyText, headerValue } from '../../src/engine';
import type { Exchange, SandboxRuntime } from '../../src/runtime/types';
import type { ClientRequest } from '../../src/scenario';
import { ECHO_SCENARIO } from '../support/echo-scenario';

export const SCENARIO = ECHO_SCENARIO;

export function get(path: string, client = '127.0.0.1'): ClientRequest {
  return { method: 'GET', url: `http://example.com${path}`, headers: [], body: null, client };
}

export function isComplete(exchange: Exchange): boolean {
  const types = exchange.trace.map((e) => e.type);
  return types[0] === 'receive' && ['respond', 'log'].includes(types.at(-1)!);
}

export function runtimeBehaviour(make: () => Promise<SandboxRuntime>): void {
  let runtime: SandboxRuntime;
  let seen: Exchange[];

  beforeEach(async () => {
    runtime = await make();
    seen = [];
    runtime.onExchange((e) => seen.push(e));
    expect(await runtime.load(SCENARIO)).toEqual({ ok: true });
  });
  afterEach(() => runtime.close());

  test('answers a request through the engine, with its whole trace, reported once', async () => {
    const exchange = await runtime.send(get('/hello?x=1', '127.0.0.7'));
    expect(exchange.response?.status).toBe(200);
    const echoed = JSON.parse(bodyText(exchange.response!.body)) as Record<string, unknown>;
    expect(echoed).toMatchObject({ backend: 'app-a', uri: '/hello?x=1' });
    expect(exchange.upstreamRequest?.headers).toContainEqual(['X-Real-IP', '127.0.0.7']);
    expect(isComplete(exchange)).toBe(true);
    expect(seen.map((e) => e.requestId)).toEqual([exchange.requestId]);
  });

  test('1,000 concurrent requests: 1,000 responses and complete traces, none lost', async () => {
    const sent = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        runtime.send(get(`/r/${i}`, `127.0.0.${1 + (i % 20)}`)),
      ),
    );
    expect(sent.filter((e) => e.response?.status === 200)).toHaveLength(1000);
    expect(sent.every(isComplete)).toBe(true);
    expect(new Set(sent.map((e) => e.requestId)).size).toBe(1000);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen.map((e) => e.requestId))).toEqual(new Set(sent.map((e) => e.requestId)));
    // Each request's trace is its own: one request id throughout.
    for (const e of seen) expect(new Set(e.trace.map((t) => t.requestId)).size).toBe(1);
  });

  test('a burst of 1,000 in one message: 1,000 separate requests and traces, none lost', async () => {
    const burst = await runtime.sendBurst(get('/burst', '127.0.0.9'), 1000);
    expect(burst).toHaveLength(1000);
    expect(burst.every((e) => e.response?.status === 200 && isComplete(e))).toBe(true);
    expect(new Set(burst.map((e) => e.requestId)).size).toBe(1000);
    expect(seen).toHaveLength(1000);
    // Each request went through the engine on its own: one request id per trace, all different.
    expect(new Set(burst.map((e) => e.trace[0]!.requestId)).size).toBe(1000);
    for (const e of burst) expect(new Set(e.trace.map((t) => t.requestId)).size).toBe(1);
  });

  test('a broken config is refused like nginx -s reload, and the old one keeps serving', async () => {
    const broken = SCENARIO.config.replace('proxy_pass ', 'proxy_pas ');
    const result = await runtime.load({ ...SCENARIO, config: broken });
    expect(result).toEqual({
      ok: false,
      problem: {
        message: 'unknown directive "proxy_pas"',
        line: 7,
        file: 'nginx.conf',
        refusedBy: 'nginx',
      },
    });
    const exchange = await runtime.send(get('/still'));
    expect(exchange.response?.status).toBe(200);
    expect(bodyText(exchange.response!.body)).toContain('"backend":"app-a"');
  });

  test('a stopped backend refuses connections until it is started again', async () => {
    await runtime.setBackend('127.0.0.1:3000', { down: true });
    const down = await runtime.send(get('/'));
    expect(down.response?.status).toBe(502);
    expect(down.trace.some((e) => e.type === 'upstream' || e.type === 'reject')).toBe(true);
    await runtime.setBackend('127.0.0.1:3000', { down: false });
    expect((await runtime.send(get('/'))).response?.status).toBe(200);
  });

  test('opening a scenario afresh forgets a stopped backend; reloading the same one keeps it', async () => {
    expect(await runtime.setBackend('127.0.0.1:3000', { down: true })).toMatchObject({
      '127.0.0.1:3000': { down: true },
    });
    // The same config applied again, as the playground's Apply does: nginx reloads, the backend stays stopped.
    expect(await runtime.load(SCENARIO, 'reload')).toEqual({ ok: true });
    expect((await runtime.backends())['127.0.0.1:3000']?.down).toBe(true);
    expect((await runtime.send(get('/'))).response?.status).toBe(502);
    // The next lesson opens: a fresh sandbox whose backend runs as its scenario says.
    expect(await runtime.load(SCENARIO)).toEqual({ ok: true });
    expect((await runtime.backends())['127.0.0.1:3000']?.down).toBe(false);
    expect((await runtime.send(get('/'))).response?.status).toBe(200);
  });

  test('a refused config leaves the running backends as they were', async () => {
    await runtime.setBackend('127.0.0.1:3000', { down: true });
    const broken = SCENARIO.config.replace('proxy_pass ', 'proxy_pas ');
    expect((await runtime.load({ ...SCENARIO, config: broken })).ok).toBe(false);
    expect((await runtime.backends())['127.0.0.1:3000']?.down).toBe(true);
    await runtime.setBackend('127.0.0.1:3000', { down: false });
    expect((await runtime.send(get('/'))).response?.status).toBe(200);
  });

  test('one id per request: the exchange and its trace agree, and ids never repeat after a reload', async () => {
    const first = await runtime.send(get('/one'));
    expect(await runtime.load(SCENARIO, 'reload')).toEqual({ ok: true });
    const second = await runtime.send(get('/two'));
    for (const e of [first, second])
      expect(e.trace.every((t) => String(t.requestId) === e.requestId)).toBe(true);
    expect(second.requestId).not.toBe(first.requestId);
  });

  test('statuses and headers fetch could not carry arrive intact', async () => {
    await runtime.load({
      ...SCENARIO,
      config: SCENARIO.config.replace(
        'location / {',
        'location = /cookie { add_header Set-Cookie "a=1"; return 204; }\n    location / {',
      ),
    });
    const exchange = await runtime.send(get('/cookie'));
    expect(exchange.response?.status).toBe(204);
    expect(headerValue(exchange.response!.headers, 'set-cookie')).toBe('a=1');
    expect(exchange.sent.headers).toContainEqual(['Host', 'example.com']);
  });

  test('a port nothing listens on is a connection error, not a throw', async () => {
    const exchange = await runtime.send({ ...get('/'), url: 'http://example.com:8080/' });
    expect(exchange.response).toBeNull();
    expect(exchange.connectionError).toMatch(/connection refused/);
  });

  test('a URL that is not http(s) rejects the send with the reason', async () => {
    await expect(runtime.send({ ...get('/'), url: 'ftp://example.com/' })).rejects.toThrow(
      /not an http\(s\) URL/,
    );
  });
}
