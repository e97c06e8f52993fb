/**
 * The lesson scenarios in the sandbox, end to end: each one loaded into the
 * real engine in the page, requests sent through the form, and the journey,
 * its callouts and the inspector checked for what the lesson is about.
 */
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { createPageRuntime } from '../runtime/page-runtime';
import Sandbox from './Sandbox.svelte';
import { caching } from '../scenario/builtin/caching';
import { failover } from '../scenario/builtin/failover';
import { rateLimit } from '../scenario/builtin/rate-limit';
import { roundRobin } from '../scenario/builtin/round-robin';
import type { Scenario } from '../scenario';

/** The scenario in a sandbox, and the parts of the page these tests read. */
async function openSandbox(scenario: Scenario) {
  const screen = await render(Sandbox, { scenario, runtime: createPageRuntime() });
  const journey = screen.getByRole('region', { name: "The request's journey" });
  const stepBack = journey.getByRole('button', { name: 'Step back' });
  return {
    screen,
    journey,
    narration: screen.getByRole('status', { name: 'Journey narration' }),
    result: screen.getByRole('status', { name: 'Result' }),
    clientGot: screen.getByRole('region', { name: 'What the client got back', exact: true }),
    inspector: screen.getByRole('region', { name: 'Inspector', exact: true }),
    send: () => screen.getByRole('button', { name: 'Send request', exact: true }).click(),
    /** Call only once the page shows the new exchange, or it skips the previous journey. */
    instant: () => journey.getByRole('button', { name: /^Instant/ }).click(),
    /** Steps back from the end until `label` is the hop on screen; fails when no hop has it. */
    async stepBackTo(label: string | RegExp) {
      const callout = journey.getByText(label, { exact: true });
      for (let i = 0; i < 20 && !callout.query(); i++) await stepBack.click();
      await expect.element(callout).toBeVisible();
    },
  };
}

test('round robin over three: app-a, app-b, app-c in turn, each pick shown by the balancer', async () => {
  const s = await openSandbox(roundRobin);
  const servers = [
    ['app-a', '127.0.0.1:3001'],
    ['app-b', '127.0.0.1:3002'],
    ['app-c', '127.0.0.1:3003'],
  ];
  for (const [name, address] of servers) {
    await s.send();
    // The backend's own header tells this answer from the previous one.
    await expect.element(s.clientGot).toHaveTextContent(`x-backend: ${name}`);
    await s.instant();
    await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.served');
    await expect.element(s.narration).toHaveTextContent(`Arrived: served by ${name} (${address}).`);
    await expect.element(s.inspector).toHaveTextContent(`Sent to ${address}.`);
    // Host is passed on as the client sent it; X-Forwarded-For is new to the backend.
    const changes = s.inspector.getByRole('list', {
      name: 'What the proxy changed in the request',
    });
    await expect.element(changes).toHaveTextContent('X-Forwarded-For added: 127.0.0.1');
    await expect.element(changes).not.toHaveTextContent('Host changed');

    await s.stepBackTo(`round robin: ${address} is next`);
    await expect.element(s.narration).toHaveTextContent(`round robin: ${address} is next`);
  }
});

test('cache MISS then HIT: the second request is answered from the cache, no backend asked', async () => {
  const s = await openSandbox(caching);
  await s.send();
  await expect.element(s.clientGot).toHaveTextContent('X-Cache-Status: MISS');
  await s.instant();
  await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.served');
  await expect.element(s.narration).toHaveTextContent('Arrived: served by app (127.0.0.1:3000).');
  const responseChanges = s.inspector.getByRole('list', {
    name: 'What the proxy changed in the response',
  });
  await expect
    .element(responseChanges)
    .toHaveTextContent('X-Cache-Status added: MISS — added by add_header');
  // Without proxy_set_header Host, the backend sees the proxy_pass address as Host.
  await expect
    .element(s.inspector.getByRole('list', { name: 'What the proxy changed in the request' }))
    .toHaveTextContent('Host changed: example.com → 127.0.0.1:3000');
  await s.stepBackTo('cache MISS: not in zone pages');

  await s.send();
  await expect.element(s.clientGot).toHaveTextContent('X-Cache-Status: HIT');
  await s.instant();
  await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.fromCache');
  await expect
    .element(s.narration)
    .toHaveTextContent('Arrived: served from the cache: the backend was not asked.');
  await expect
    .element(s.screen.getByRole('region', { name: 'As the backend received it', exact: true }))
    .toHaveTextContent('no backend saw this request');
  await expect.element(s.inspector).toHaveTextContent('GET /max-age HTTP/1.1 reached no backend.');
  await expect.element(s.inspector).toHaveTextContent('Cache pages: HIT');
  // The app counts its answers: still the first one, so the cache answered.
  await expect.element(s.clientGot).toHaveTextContent('"answered": 1');
  await s.stepBackTo(/^cache HIT: stored at second \d+ for 60s/);
});

test('a stopped backend: nginx is refused, tries the next server, and the client gets app-b', async () => {
  const s = await openSandbox(failover);
  await s.send();
  await expect.element(s.result).toHaveTextContent('Response: 200 OK');
  await s.instant();
  await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.served');
  await expect.element(s.narration).toHaveTextContent('Arrived: served by app-b (127.0.0.1:3002).');
  await expect.element(s.inspector).toHaveTextContent('Sent to 127.0.0.1:3002.');
  const times = s.inspector.getByRole('list', { name: 'Virtual time per hop' });
  await expect.element(times).toHaveTextContent('127.0.0.1:3001: connection refused');
  await expect.element(times).toHaveTextContent('sent to 127.0.0.1:3002 (try 2)');

  // Back from the end: the second try comes after the refusal.
  await s.stepBackTo('next server: GET / to 127.0.0.1:3002');
  await expect.element(s.journey).toHaveTextContent('proxy_next_upstream (error)');
  await s.stepBackTo('127.0.0.1:3001 refused the connection → next server');
  await expect
    .element(s.narration)
    .toHaveTextContent('127.0.0.1:3001 refused the connection → next server');
});

test('a rate limit: the second quick request is rejected with 429 and never reaches the app', async () => {
  const s = await openSandbox(rateLimit);
  await s.send();
  await expect.element(s.result).toHaveTextContent('Response: 200 OK');
  await s.instant();
  await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.served');
  await s.stepBackTo('rate limit perip: passed');

  await s.send();
  await expect.element(s.result).toHaveTextContent('Response: 429 Too Many Requests');
  await s.instant();
  await expect.element(s.journey).toHaveAttribute('data-journey-state', 'arrived.rejected');
  await expect.element(s.narration).toHaveTextContent('Arrived: rejected: 429 rate limit.');
  await expect.element(s.inspector).toHaveTextContent('GET / HTTP/1.1 reached no backend.');
  await expect.element(s.inspector).toHaveTextContent('limit_req zone "perip"');
  await s.stepBackTo('rate limit perip: over the rate, burst 0 full → 429');
});
