import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { describe, expect, it } from 'vitest';
import { createSystemClock } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import BurstPanel from './BurstPanel.svelte';

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

describe('BurstPanel', () => {
  it('sends 100 requests through real round robin and shows an even split with counts in words', async () => {
    render(BurstPanel, { sendBurst: sender() });
    await page.getByRole('button', { name: '×100' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('100 requests answered');
    await expect.element(page.getByText('app-a')).toBeVisible();
    // 100 over three equal servers: 34, 33, 33.
    await expect.element(page.getByText('34 (34%)')).toBeVisible();
    await expect.element(page.getByText('33 (33%)').first()).toBeVisible();
    await expect.element(page.getByText('× 100')).toBeVisible();
  });
});
