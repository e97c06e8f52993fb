import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { describe, expect, it } from 'vitest';
import { createSystemClock } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import BurstPanel from './BurstPanel.svelte';
import type { ClientRequest } from '../../scenario';

const CONFIG = `events {}
http {
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
  server { listen 80; location / { proxy_pass http://app; } }
}
`;

function sender(): (count: number) => Promise<Exchange[]> {
  const { exchange } = sandboxHarness(CONFIG, {
    backends: {
      '127.0.0.1:3001': { name: 'app-a' },
      '127.0.0.1:3002': { name: 'app-b' },
      '127.0.0.1:3003': { name: 'app-c' },
    },
    clock: createSystemClock(),
  });
  return (count) =>
    Promise.all(Array.from({ length: count }, () => exchange('http://example.com/')));
}

const SPEC: ClientRequest = {
  method: 'GET',
  url: 'http://example.com/',
  headers: [],
  body: null,
  client: '127.0.0.1',
};

describe('BurstPanel', () => {
  it('sends 100 requests through real round robin and shows an even split with counts in words', async () => {
    // Stands in for the sandbox controller: it sends the burst and hands the panel the run.
    const sendBurst = sender();
    const screen = await render(BurstPanel, {
      sizes: [10, 100, 1000],
      run: null,
      sending: false,
      canSend: true,
      onburst: (count: number) => {
        void screen.rerender({ sending: true });
        void sendBurst(count).then((exchanges) =>
          screen.rerender({
            sending: false,
            run: {
              ticket: 1,
              count,
              request: SPEC,
              exchanges,
              elapsedMs: 12,
              problem: null,
              played: false,
            },
          }),
        );
      },
    });
    await page.getByRole('button', { name: '×100' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('100 requests answered');
    await expect.element(page.getByText('app-a')).toBeVisible();
    // 100 over three equal servers: 34, 33, 33.
    await expect.element(page.getByText('34 (34%)')).toBeVisible();
    await expect.element(page.getByText('33 (33%)').first()).toBeVisible();
    await expect.element(page.getByText('× 100')).toBeVisible();
  });

  it('has no burst to send while the form has a wrong field, and says why', async () => {
    render(BurstPanel, {
      sizes: [10],
      run: null,
      sending: false,
      canSend: false,
      onburst: () => {},
    });
    await expect.element(page.getByRole('button', { name: '×10' })).toBeDisabled();
    await expect.element(page.getByRole('status')).toHaveTextContent('a field to fix first');
  });
});
