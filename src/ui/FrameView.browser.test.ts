import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { afterAll, describe, expect, it } from 'vitest';
import { unregisterWorkers } from '../../test/browser/workers';
import { createPageRuntime } from '../runtime/page-runtime';
import { createWorkerRuntime } from '../runtime/worker-runtime';
import FrameView from './FrameView.svelte';

afterAll(unregisterWorkers);

const SITE = {
  config: `events {}
http {
  server {
    listen 80;
    server_name shop.example;
    location / { proxy_pass http://127.0.0.1:3000; }
  }
}
`,
  backends: { '127.0.0.1:3000': { name: 'web-1', app: 'site' as const } },
};

describe('FrameView', () => {
  it('loads a real page with its CSS and images through the proxy in the worker', async () => {
    const runtime = await createWorkerRuntime();
    expect(await runtime.load(SITE)).toEqual({ ok: true });
    const targets: string[] = [];
    runtime.onExchange((e) => targets.push(e.sent.target));
    render(FrameView, {
      siteUrl: (host: string, path: string) => runtime.siteUrl(host, path),
      host: 'shop.example',
    });
    await page.getByRole('button', { name: 'Go' }).click();
    const frame = page.getByTitle('The site as a browser sees it through the proxy');
    await expect.element(frame).toBeVisible();
    const iframe = frame.element() as HTMLIFrameElement;
    await expect.poll(() => iframe.contentDocument?.title ?? '').toContain('Sandbox Shop');
    // The page's stylesheet and image came through the proxy too, each an exchange of its own.
    await expect.poll(() => targets.some((t) => t.endsWith('.css'))).toBe(true);
    await expect
      .poll(() => targets.some((t) => t.endsWith('.svg') || t.endsWith('.png')))
      .toBe(true);
    runtime.close();
  });

  it('explains, instead of showing a blank frame, when no service worker runs', async () => {
    const runtime = createPageRuntime();
    render(FrameView, { siteUrl: (host: string, path: string) => runtime.siteUrl(host, path) });
    await page.getByRole('button', { name: 'Go' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('without a service worker');
  });
});
