import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BackendMap } from '../../backends';
import { createSystemClock, type HeaderList } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import Inspector from './Inspector.svelte';

/** Real exchanges from the in-page engine for `config` (the inside of `http {}`). */
function proxy(config: string, backends: BackendMap) {
  const { exchange } = sandboxHarness(`events {}\nhttp {\n${config}\n}\n`, {
    backends,
    clock: createSystemClock(),
  });
  return (url: string, headers: HeaderList = []): Promise<Exchange> =>
    exchange(url, { headers, client: '10.0.0.7' });
}

const BODY = 'hello compression '.repeat(40);
const APP: BackendMap = {
  '127.0.0.1:3001': {
    name: 'app',
    routes: [
      {
        path: '/page',
        headers: { 'Content-Type': 'text/html', 'X-Powered-By': 'PHP/8.3' },
        body: BODY,
      },
    ],
  },
};

describe('Inspector', () => {
  it('request: Host changed, X-Real-IP added, the client’s Connection replaced — said in words', async () => {
    const send = proxy(
      `server { listen 80; location / {
        proxy_set_header Host backend.internal;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_pass http://127.0.0.1:3001; } }`,
      APP,
    );
    const screen = await render(Inspector, {
      exchange: await send('http://example.com/', [['Connection', 'keep-alive']]),
    });
    const changes = screen.getByRole('list', { name: 'What the proxy changed in the request' });
    await expect.element(changes).toHaveTextContent('Host changed: example.com → backend.internal');
    await expect.element(changes).toHaveTextContent('X-Real-IP added: 10.0.0.7');
    await expect.element(changes).toHaveTextContent('Connection replaced: keep-alive → close');
    await expect.element(changes).toHaveTextContent('HTTP version rewritten: HTTP/1.1 → HTTP/1.0');
    // The columns mark each header in words too, not only by colour.
    const received = screen.getByRole('list', { name: 'Backend received: headers' });
    await expect
      .element(received.getByRole('listitem').filter({ hasText: 'X-Real-IP' }))
      .toHaveTextContent(/added$/);
    await expect.element(screen.getByText('Virtual time per hop', { exact: true })).toBeVisible();
  });

  it('response: X-Powered-By hidden by proxy_hide_header, X-Frame-Options added by add_header', async () => {
    const send = proxy(
      `server { listen 80; location / { proxy_hide_header X-Powered-By;
        add_header X-Frame-Options DENY; proxy_pass http://127.0.0.1:3001; } }`,
      APP,
    );
    const screen = await render(Inspector, { exchange: await send('http://example.com/page') });
    const changes = screen.getByRole('list', { name: 'What the proxy changed in the response' });
    await expect.element(changes).toHaveTextContent('X-Powered-By hidden: PHP/8.3');
    await expect.element(changes).toHaveTextContent('proxy_hide_header');
    await expect
      .element(changes)
      .toHaveTextContent('X-Frame-Options added: DENY — added by add_header');
    const backendSent = screen.getByRole('list', { name: 'Backend sent: headers' });
    await expect
      .element(backendSent.getByRole('listitem').filter({ hasText: 'X-Powered-By' }))
      .toHaveTextContent(/hidden$/);
    const clientGot = screen.getByRole('list', { name: 'Client got: headers' });
    await expect.element(clientGot).not.toHaveTextContent('X-Powered-By');
  });

  it('gzip: both sizes, Content-Encoding added; a cache HIT says no backend answered', async () => {
    const send = proxy(
      `gzip on;
      proxy_cache_path c keys_zone=z:1m;
      server { listen 80; location / { proxy_cache z; proxy_cache_valid 200 1m;
        proxy_pass http://127.0.0.1:3001; } }`,
      APP,
    );
    const gzip: HeaderList = [['Accept-Encoding', 'gzip']];
    const miss = await send('http://example.com/page', gzip);
    const compress = miss.trace.find((e) => e.type === 'compress');
    if (compress?.type !== 'compress' || compress.sizeAfter === null)
      throw new Error('not gzipped');
    const screen = await render(Inspector, { exchange: miss });
    const changes = screen.getByRole('list', { name: 'What the proxy changed in the response' });
    await expect
      .element(changes)
      .toHaveTextContent(
        `gzip: ${BODY.length} bytes from the backend → ${compress.sizeAfter} bytes to the client`,
      );
    await expect.element(changes).toHaveTextContent('Content-Encoding added: gzip');
    await expect.element(changes).toHaveTextContent('Cache z: MISS');

    await screen.rerender({ exchange: await send('http://example.com/page', gzip) });
    await expect.element(screen.getByText(/^Served from the cache/)).toBeVisible();
    await expect.element(screen.getByText(/^Cache z: HIT/)).toBeVisible();
    // What the client got is still shown, with nginx's cache answer in it.
    const got = screen.getByRole('list', { name: 'Client got: headers' });
    await expect.element(got).toHaveTextContent('Content-Encoding: gzip');
  });
});
