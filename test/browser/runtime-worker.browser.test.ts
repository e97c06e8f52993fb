// The service-worker runtime in real Chromium: behaviour, scope, and frames browsing through it.
import { afterAll, describe, expect, test } from 'vitest';
import { WORKER_HEADER } from '../../src/runtime/protocol';
import type { Exchange } from '../../src/runtime/types';
import { createWorkerRuntime } from '../../src/runtime/worker-runtime';
import { runtimeBehaviour, SCENARIO } from './runtime-behaviour';
import { unregisterWorkers } from './workers';

afterAll(unregisterWorkers);

describe('worker runtime', () => {
  runtimeBehaviour(() => createWorkerRuntime());

  test('controls the page once created, so no first request slips past it', async () => {
    const runtime = await createWorkerRuntime();
    expect(runtime.mode).toBe('worker');
    expect(navigator.serviceWorker.controller).not.toBeNull();
    runtime.close();
  });

  test('leaves the app’s own requests alone: no sandbox header, no exchange', async () => {
    const runtime = await createWorkerRuntime();
    const seen: Exchange[] = [];
    runtime.onExchange((e) => seen.push(e));
    await runtime.load(SCENARIO);
    for (const url of ['/src/runtime/types.ts', '/index.html', '/package.json?x=1']) {
      const response = await fetch(url);
      expect(response.headers.has(WORKER_HEADER), url).toBe(false);
      expect(response.status, url).toBe(200);
    }
    const sandbox = await fetch('/sandbox/nowhere', { method: 'POST' });
    expect(sandbox.headers.has(WORKER_HEADER)).toBe(true);
    expect(sandbox.status).toBe(400);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    runtime.close();
  });

  test('a frame loads a real page through the proxy: HTML, then CSS by absolute path', async () => {
    const runtime = await createWorkerRuntime();
    const seen: Exchange[] = [];
    runtime.onExchange((e) => seen.push(e));
    await runtime.load({
      ...SCENARIO,
      backends: {
        '127.0.0.1:3000': {
          name: 'site',
          routes: [
            {
              path: '/',
              headers: { 'Content-Type': 'text/html' },
              body: '<!doctype html><link rel="stylesheet" href="/style.css"><h1>Hello through the proxy</h1>',
            },
            {
              path: '/style.css',
              headers: { 'Content-Type': 'text/css' },
              body: 'h1 { color: rgb(1, 2, 3); }',
            },
          ],
        },
      },
    });
    const frame = document.createElement('iframe');
    frame.src = runtime.siteUrl('example.com', '/');
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    const h1 = frame.contentDocument!.querySelector('h1')!;
    expect(h1.textContent).toBe('Hello through the proxy');
    expect(getComputedStyle(h1).color).toBe('rgb(1, 2, 3)');
    await expect.poll(() => seen.map((e) => e.sent.target)).toEqual(['/', '/style.css']);
    expect(seen.map((e) => e.sent.headers.find(([n]) => n === 'Host')?.[1])).toEqual([
      'example.com',
      'example.com',
    ]);
    frame.remove();
    runtime.close();
  });

  test('a page in the frame runs no script, inline or from its site, so a shared scenario cannot reach the app', async () => {
    const runtime = await createWorkerRuntime();
    await runtime.load({
      ...SCENARIO,
      backends: {
        '127.0.0.1:3000': {
          name: 'site',
          routes: [
            {
              path: '/',
              headers: { 'Content-Type': 'text/html' },
              body:
                '<!doctype html><h1>Still shown</h1>' +
                '<script>parent.postMessage("inline ran", "*")</script>' +
                '<script src="/evil.js"></script>' +
                '<img src="x" onerror="parent.postMessage(\'handler ran\', \'*\')">',
            },
            {
              path: '/evil.js',
              headers: { 'Content-Type': 'application/javascript' },
              body: 'parent.postMessage("file ran", "*")',
            },
          ],
        },
      },
    });
    const heard: unknown[] = [];
    const listen = (e: MessageEvent) => heard.push(e.data);
    window.addEventListener('message', listen);
    const frame = document.createElement('iframe');
    frame.src = runtime.siteUrl('example.com', '/');
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    await new Promise((r) => setTimeout(r, 300));
    expect(frame.contentDocument!.querySelector('h1')!.textContent).toBe('Still shown');
    expect(heard).toEqual([]);
    window.removeEventListener('message', listen);
    frame.remove();
    runtime.close();
  });

  test('every framed response carries the lock: each kind of fetch to the site alone, no script, added to the backend’s own policy', async () => {
    const runtime = await createWorkerRuntime();
    await runtime.load({
      ...SCENARIO,
      backends: {
        '127.0.0.1:3000': {
          name: 'site',
          routes: [
            { path: '/', headers: { 'Content-Type': 'text/html' }, body: '<h1>Hi</h1>' },
            {
              path: '/style.css',
              headers: { 'Content-Type': 'text/css', 'Content-Security-Policy': 'img-src *' },
              body: 'h1 { color: red; }',
            },
            { path: '/gone', status: 404, body: 'gone' },
          ],
        },
      },
    });
    for (const path of ['/', '/style.css', '/gone']) {
      const response = await fetch(runtime.siteUrl('example.com', path));
      expect(response.headers.get(WORKER_HEADER), path).toBe('1');
      const policies = (response.headers.get('content-security-policy') ?? '').split(',');
      // The backend's own policy stays; the lock is one more, which the browser applies as well.
      if (path === '/style.css') expect(policies[0]!.trim(), path).toBe('img-src *');
      const lock = new Map(
        policies
          .at(-1)!
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...sources]) => [name!, sources.join(' ')]),
      );
      for (const directive of [
        'default-src',
        'img-src',
        'font-src',
        'media-src',
        'connect-src',
        'manifest-src',
        'worker-src',
        'frame-src',
        'child-src',
        'form-action',
        'frame-ancestors',
      ])
        expect(lock.get(directive), `${path} ${directive}`).toBe("'self'");
      expect(lock.get('style-src'), path).toBe("'self' 'unsafe-inline'");
      for (const directive of [
        'script-src',
        'script-src-elem',
        'script-src-attr',
        'object-src',
        'base-uri',
      ])
        expect(lock.get(directive), `${path} ${directive}`).toBe("'none'");
    }
    runtime.close();
  });

  test('a redirect to another host, scheme-relative too, stays in the sandbox', async () => {
    const runtime = await createWorkerRuntime();
    await runtime.load({
      ...SCENARIO,
      backends: {
        '127.0.0.1:3000': {
          name: 'site',
          routes: [
            { path: '/away', status: 302, headers: { Location: '//elsewhere.example/landing' } },
          ],
        },
      },
    });
    const frame = document.createElement('iframe');
    frame.src = runtime.siteUrl('example.com', '/away');
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    expect(frame.contentWindow!.location.href).toBe(
      new URL(runtime.siteUrl('elsewhere.example', '/landing'), location.href).href,
    );
    frame.remove();
    runtime.close();
  });
});
