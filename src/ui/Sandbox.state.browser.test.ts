// The sandbox's state as a learner meets it across lessons, bursts and restarts: one owner, nothing leaking.
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { createPageRuntime } from '../runtime/page-runtime';
import type { Exchange, RuntimeNotice, SandboxRuntime } from '../runtime/types';
import type { Scenario } from '../scenario';
import Sandbox from './Sandbox.svelte';

const CONFIG = `events {}
http {
  server {
    listen 80;
    location / { proxy_pass http://127.0.0.1:3000; }
  }
}
`;

function lesson(id: string): Scenario {
  return {
    id,
    title: `Lesson ${id}`,
    summary: 'One app behind the proxy.',
    config: CONFIG,
    backends: { '127.0.0.1:3000': { name: 'app' } },
    files: {},
    request: {
      method: 'GET',
      url: 'http://example.com/',
      headers: [],
      body: null,
      client: '127.0.0.1',
    },
    presets: [
      {
        label: 'Log in',
        request: {
          method: 'POST',
          url: 'http://example.com/login',
          headers: [['Content-Type', 'application/x-www-form-urlencoded']],
          body: 'user=ada',
          client: '127.0.0.1',
        },
      },
    ],
  };
}

/** The page runtime, with a hand on its notices and a record of what it sent. */
function observedRuntime() {
  const runtime = createPageRuntime();
  const exchanges: Exchange[] = [];
  const noticeListeners: ((notice: RuntimeNotice) => void)[] = [];
  let bursts = 0;
  runtime.onExchange((e) => exchanges.push(e));
  const observed: SandboxRuntime = {
    ...runtime,
    mode: runtime.mode,
    load: (s, mode) => runtime.load(s, mode),
    send: (spec) => runtime.send(spec),
    sendBurst: (spec, count) => {
      bursts += 1;
      return runtime.sendBurst(spec, count);
    },
    setBackend: (address, change) => runtime.setBackend(address, change),
    backends: () => runtime.backends(),
    onExchange: (listener) => runtime.onExchange(listener),
    onNotice: (listener) => {
      noticeListeners.push(listener);
      return runtime.onNotice(listener);
    },
    siteUrl: () => '',
    close: () => runtime.close(),
  };
  return {
    runtime: observed,
    exchanges,
    bursts: () => bursts,
    notice: (notice: RuntimeNotice) => noticeListeners.forEach((l) => l(notice)),
  };
}

test('a backend stopped in one lesson is running in the next, on the panel and for real', async () => {
  const { runtime } = observedRuntime();
  const screen = await render(Sandbox, { scenario: lesson('stop-the-app'), runtime });
  await screen.getByRole('button', { name: 'Stop app' }).click();
  await expect.element(screen.getByText('stopped: connections refused')).toBeVisible();
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 502 Bad Gateway');

  // Next lesson: the same runtime (the page keeps one), a new scenario.
  await screen.rerender({ scenario: lesson('the-next-one') });
  await expect.element(screen.getByRole('button', { name: 'Stop app' })).toBeVisible();
  await expect.element(screen.getByText('running', { exact: true })).toBeVisible();
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
});

test('a burst sends the request the form shows: a preset put there, not the scenario default', async () => {
  const { runtime, exchanges } = observedRuntime();
  const screen = await render(Sandbox, { scenario: lesson('bursts'), runtime });
  await screen.getByRole('button', { name: 'Log in' }).click();
  await screen.getByRole('button', { name: '×10', exact: true }).click();
  await expect.poll(() => exchanges.length).toBe(10);
  // What the status line says is the burst's, not an older single answer's.
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent(/^A burst of 10 requests/);
  expect(exchanges.map((e) => `${e.sent.method} ${e.sent.target}`)).toEqual(
    Array(10).fill('POST /login'),
  );
  // An edit after that is what the next burst sends.
  await screen.getByLabelText('Path').fill('/edited');
  await expect.element(screen.getByRole('button', { name: '×10', exact: true })).toBeEnabled();
  await screen.getByRole('button', { name: '×10', exact: true }).click();
  await expect.poll(() => exchanges.length).toBe(20);
  expect(exchanges[19]!.sent.target).toBe('/edited');
});

test('ten quick clicks on ×1,000 start one burst', { timeout: 60_000 }, async () => {
  const { runtime, bursts } = observedRuntime();
  const screen = await render(Sandbox, { scenario: lesson('quick-clicks'), runtime });
  const button = screen.getByRole('button', { name: '×1,000' });
  await expect.element(button).toBeEnabled();
  // Synchronous clicks, faster than any re-render could disable the button.
  const element = button.element() as HTMLButtonElement;
  for (let i = 0; i < 10; i++) element.click();
  await expect.poll(() => element.disabled, { timeout: 30_000 }).toBe(false);
  expect(bursts()).toBe(1);
});

test('six restarts of the worker show one notice', async () => {
  const { runtime, notice } = observedRuntime();
  const screen = await render(Sandbox, { scenario: lesson('restarts'), runtime });
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
  for (let i = 0; i < 6; i++)
    notice({ kind: 'state-reset', message: 'The browser stopped the sandbox worker.' });
  await expect.element(screen.getByText('The browser stopped the sandbox worker.')).toBeVisible();
  expect(screen.getByText('The browser stopped the sandbox worker.').elements()).toHaveLength(1);
});

test('the map plays a burst once: a change elsewhere in the sandbox mid-burst does not start it again', async () => {
  const { runtime, notice } = observedRuntime();
  const screen = await render(Sandbox, { scenario: lesson('replay'), runtime });
  await screen.getByRole('button', { name: '×10', exact: true }).click();
  const traffic = () => screen.container.querySelector('[data-traffic-state]')?.textContent ?? '';
  const arrived = () => Number(/(\d+) of 10 arrived/.exec(traffic())?.[1] ?? -1);
  await expect.poll(arrived, { timeout: 20_000 }).toBeGreaterThan(0);
  const before = arrived();
  // Anything the controller keeps changes (here, a notice), and the panels are laid out again.
  notice({ kind: 'worker-updated', message: 'A new version of the sandbox worker took over.' });
  await expect
    .element(screen.getByText('A new version of the sandbox worker took over.'))
    .toBeVisible();
  const seen: number[] = [];
  for (let i = 0; i < 10; i++) {
    seen.push(arrived());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(before);
});
