import { afterAll, expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { unregisterWorkers } from '../../test/browser/workers';
import App from '../App.svelte';
import { createPageRuntime } from '../runtime/page-runtime';
import { classicProxy } from '../scenario/builtin/classic-proxy';
import Sandbox from './Sandbox.svelte';

// The App starts the real service worker; it must not stay registered for other test files.
afterAll(unregisterWorkers);

test('sends the classic request through the real engine and shows response and trace', async () => {
  history.replaceState(null, '', '#/playground');
  const screen = await render(App);
  history.replaceState(null, '', location.pathname);
  await screen.getByRole('button', { name: 'Send request' }).click();

  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
  const response = screen.getByRole('region', { name: 'What the client got back', exact: true });
  await expect.element(response).toHaveTextContent('HTTP/1.1 200 OK');
  await expect.element(response).toHaveTextContent(/"host": "example\.com"/);
  await expect.element(response).toHaveTextContent(/"x-real-ip": "127\.0\.0\.1"/);

  const trace = screen.getByRole('list', { name: 'Trace' });
  await expect.element(trace).toHaveTextContent(/server: example\.com \(line 3\)/);
  await expect.element(trace).toHaveTextContent('match: location / — longest prefix /');
  await expect.element(trace).toHaveTextContent('upstream: GET / HTTP/1.0 → 127.0.0.1:3000');
});

test('shows a custom header arriving at the backend, beside what the proxy added', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy });
  await screen.getByLabelText('Path').fill('/api/items?page=2');
  await screen.getByLabelText('Headers').fill('X-Custom: hello');
  await screen
    .getByRole('region', { name: 'Send a request', exact: true })
    .getByLabelText('Client address')
    .selectOptions('127.0.0.2');
  await screen.getByRole('button', { name: 'Send request' }).click();

  const backend = screen.getByRole('region', { name: 'As the backend received it', exact: true });
  await expect.element(backend).toHaveTextContent('GET /api/items?page=2 HTTP/1.0');
  await expect.element(backend.getByText('X-Custom: hello')).toBeVisible();
  const realIp = backend.getByRole('listitem').filter({ hasText: 'X-Real-IP' });
  await expect.element(realIp).toHaveTextContent('X-Real-IP: 127.0.0.2 added by the proxy');
});

test('shows nginx’s own message and line for a config it refuses, and offers no send', async () => {
  const config = classicProxy.config.replace('proxy_pass ', 'proxy_pas ');
  const screen = await render(Sandbox, { scenario: { ...classicProxy, config } });

  await expect
    .element(screen.getByRole('alert'))
    .toHaveTextContent('[emerg] unknown directive "proxy_pas" in nginx.conf:7');
  await expect
    .element(screen.getByRole('button', { name: 'Send request' }))
    .not.toBeInTheDocument();
});

test('says why there is no response when nothing listens on the port', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy });
  await screen.getByLabelText('Host').fill('example.com:8080');
  await screen.getByRole('button', { name: 'Send request' }).click();

  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('No response: connection refused: nothing listens on port 8080');
  await expect
    .element(screen.getByRole('region', { name: 'As the backend received it', exact: true }))
    .toHaveTextContent('no backend saw this request');
});

test('explains a failure inside the sandbox instead of going blank', async () => {
  const screen = await render(Sandbox, {
    scenario: classicProxy,
    runtime: {
      ...createPageRuntime(),
      send: () => Promise.reject(new Error('the engine fell over')),
    },
  });
  await screen.getByRole('button', { name: 'Send request' }).click();

  await expect.element(screen.getByRole('alert').filter({ hasText: 'fell over' })).toBeVisible();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('The request could not be sent.');
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeEnabled();
});

test('stops a backend from the panel without reloading: nginx then answers 502', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy, runtime: createPageRuntime() });
  await screen.getByRole('button', { name: 'Stop app' }).click();
  await expect.element(screen.getByText('stopped: connections refused')).toBeVisible();
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 502 Bad Gateway');
  const trace = screen.getByRole('list', { name: 'Trace' });
  await expect.element(trace).toHaveTextContent('refused');

  await screen.getByRole('button', { name: 'Start app' }).click();
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
});

test('a stopped backend is marked on the journey map; a burst then takes the map over', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy, runtime: createPageRuntime() });
  await screen.getByRole('button', { name: 'Stop app' }).click();
  await screen.getByRole('button', { name: 'Send request' }).click();
  const single = screen.getByRole('region', { name: "The request's journey" });
  await expect
    .element(single.getByRole('img'))
    .toHaveAccessibleName(/app 127\.0\.0\.1:3000 stopped/);

  await screen.getByRole('button', { name: 'Start app' }).click();
  await screen.getByRole('button', { name: '×100' }).click();
  const burst = screen.getByRole('region', { name: 'A burst of 100 requests' });
  await expect.element(burst).toBeVisible();
  await expect.element(single).not.toBeInTheDocument();
  await burst.getByRole('button', { name: 'Skip to the end' }).click();
  await expect
    .element(burst.getByRole('status', { name: 'Burst narration' }))
    .toHaveTextContent('All 100 arrived: 100 served.');
  // The burst's hundred answers, counted under the backend; the earlier refused request is not this burst's.
  await expect
    .element(burst.getByRole('img'))
    .toHaveAccessibleName(/app 127\.0\.0\.1:3000 100 answered/);
  await expect.element(burst.getByRole('img')).not.toHaveAccessibleName(/failed/);
  await expect
    .element(burst.getByText("Counts under each backend: this burst's requests only."))
    .toBeVisible();

  // A single request takes the map back.
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect.element(single).toBeVisible();
});

test('the lifecycle says where the proxy runs', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy, runtime: createPageRuntime() });
  await expect.element(screen.getByText('The proxy runs inside this page.')).toBeVisible();
});

test('a refused reload keeps the previous config serving, as nginx -s reload does', async () => {
  const screen = await render(Sandbox, { scenario: classicProxy, runtime: createPageRuntime() });
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
  const config = classicProxy.config.replace('proxy_pass ', 'proxy_pas ');
  await screen.rerender({ scenario: { ...classicProxy, config } });
  const alert = screen.getByRole('alert').filter({ hasText: 'unknown directive "proxy_pas"' });
  await expect.element(alert).toBeVisible();
  await expect.element(alert).toHaveTextContent('The previous config keeps serving');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
});

test('sends https when the form says so: to port 443, where this config has nothing listening', async () => {
  const screen = await render(Sandbox, {
    scenario: {
      ...classicProxy,
      request: { ...classicProxy.request, url: 'https://example.com/' },
    },
    runtime: createPageRuntime(),
  });
  await expect.element(screen.getByLabelText('Scheme')).toHaveValue('https');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('No response: connection refused: nothing listens on port 443');
});
