import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BackendMap } from '../../backends';
import { createSystemClock } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import JourneyView from './JourneyView.svelte';

/** Real exchanges from the in-page engine for `config` (the inside of `http {}`). */
function proxy(config: string, backends: BackendMap) {
  const { exchange } = sandboxHarness(`events {}\nhttp {\n${config}\n}\n`, {
    backends,
    clock: createSystemClock(),
  });
  return (url: string): Promise<Exchange> => exchange(url);
}

const THREE: BackendMap = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b' },
  '127.0.0.1:3003': { name: 'app-c' },
};

describe('JourneyView', () => {
  it('round robin over three backends: Instant shows who served it, and the picks were round robin', async () => {
    const send = proxy(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
      server { listen 80; location / { proxy_pass http://pool; } }`,
      THREE,
    );
    const screen = await render(JourneyView, {
      exchange: await send('http://example.com/'),
      backends: THREE,
    });
    await expect.element(screen.getByRole('img', { name: /app-a.*app-b.*app-c/ })).toBeVisible();
    await screen.getByRole('button', { name: 'Instant' }).click();
    const narration = screen.getByRole('status', { name: 'Journey narration' });
    await expect.element(narration).toHaveTextContent('Arrived: served by app-a (127.0.0.1:3001)');

    await screen.rerender({ exchange: await send('http://example.com/'), backends: THREE });
    await screen.getByRole('button', { name: 'Instant' }).click();
    await expect.element(narration).toHaveTextContent('served by app-b');

    // Step back from the end until the balancer's decision is on screen.
    const callout = screen.getByText('round robin: 127.0.0.1:3002 is next', { exact: true });
    for (let i = 0; i < 10 && !callout.query(); i++)
      await screen.getByRole('button', { name: 'Step back' }).click();
    await expect.element(callout).toBeVisible();
    await expect.element(narration).toHaveTextContent('round robin: 127.0.0.1:3002 is next');
  });

  it('a refused backend: the narration tells of the refusal, then of the next server', async () => {
    const backends: BackendMap = {
      '127.0.0.1:3001': { name: 'app-a', down: true },
      '127.0.0.1:3002': { name: 'app-b' },
    };
    const send = proxy(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; }
      server { listen 80; location / { proxy_pass http://pool; } }`,
      backends,
    );
    const screen = await render(JourneyView, {
      exchange: await send('http://example.com/'),
      backends,
    });
    const narration = screen.getByRole('status', { name: 'Journey narration' });
    const forward = screen.getByRole('button', { name: 'Step forward' });
    const heard: string[] = [];
    await screen.getByRole('button', { name: 'Pause' }).click();
    for (let i = 0; i < 20 && !heard.at(-1)?.startsWith('Arrived'); i++) {
      await forward.click();
      heard.push(narration.element().textContent.trim());
    }
    const refused = heard.findIndex((h) => h.includes('127.0.0.1:3001 refused the connection'));
    expect(refused).toBeGreaterThan(0);
    expect(heard.slice(refused + 1).join('\n')).toContain('next server: GET / to 127.0.0.1:3002');
    expect(heard.at(-1)).toBe('Arrived: served by app-b (127.0.0.1:3002).');
  });

  it('cache MISS then HIT: the second journey ends served from the cache', async () => {
    const backends: BackendMap = { '127.0.0.1:3000': { name: 'app', app: 'caching' } };
    const send = proxy(
      `proxy_cache_path /tmp/c keys_zone=c:1m;
      server { listen 80; location / { proxy_pass http://127.0.0.1:3000; proxy_cache c; } }`,
      backends,
    );
    const screen = await render(JourneyView, {
      exchange: await send('http://example.com/max-age'),
      backends,
    });
    await expect.element(screen.getByRole('img', { name: /cache/ })).toBeVisible();
    await screen.getByRole('button', { name: 'Instant' }).click();
    const narration = screen.getByRole('status', { name: 'Journey narration' });
    await expect.element(narration).toHaveTextContent('served by app');

    await screen.rerender({ exchange: await send('http://example.com/max-age'), backends });
    await expect.element(narration).toHaveTextContent('Hop 1 of');
    await screen.getByRole('button', { name: 'Instant' }).click();
    await expect.element(narration).toHaveTextContent('Arrived: served from the cache');
    await expect.element(screen.getByText('cache HIT in zone c')).toBeVisible();
  });

  it('steps forward to the second hop and back to the first', async () => {
    const send = proxy(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`,
      THREE,
    );
    const screen = await render(JourneyView, {
      exchange: await send('http://example.com/'),
      backends: THREE,
    });
    await screen.getByLabelText('Speed').selectOptions('0.25');
    // Back to the start (waiting at the client), then one hop at a time.
    const start = screen.getByText('At the client, not sent yet.');
    for (let i = 0; i < 10 && !start.query(); i++)
      await screen.getByRole('button', { name: 'Step back' }).click();
    await expect.element(start).toBeVisible();
    const forward = screen.getByRole('button', { name: 'Step forward' });
    await forward.click();
    await expect.element(screen.getByText('GET / to example.com', { exact: true })).toBeVisible();
    await forward.click();
    const callout = screen.getByText(/^server .* on port 80$/);
    await expect.element(callout).toBeVisible();
    await expect
      .element(screen.getByRole('status', { name: 'Journey narration' }))
      .toHaveTextContent(/^Hop 2 of \d+: server .* on port 80$/);
    await screen.getByRole('button', { name: 'Step back' }).click();
    await expect.element(screen.getByText('GET / to example.com', { exact: true })).toBeVisible();
  });

  it('a backend’s count grows when the request arrives, not before, on top of earlier ones', async () => {
    const send = proxy(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`,
      THREE,
    );
    const earlier = [await send('http://example.com/'), await send('http://example.com/')];
    const screen = await render(JourneyView, {
      exchange: await send('http://example.com/'),
      backends: THREE,
      earlier,
    });
    await screen.getByRole('button', { name: 'Pause' }).click();
    const map = screen.getByRole('img', { name: /app-a/ });
    await expect.element(map).toHaveAccessibleName(/app-a 127\.0\.0\.1:3001 2 answered/);
    await screen.getByRole('button', { name: 'Instant' }).click();
    await expect.element(map).toHaveAccessibleName(/app-a 127\.0\.0\.1:3001 3 answered/);
  });
});
