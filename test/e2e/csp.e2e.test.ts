/**
 * The production build under its Content-Security-Policy (src/csp/vite-plugin.ts):
 * every page of the course, the playground's editor and the service worker's
 * site frame load without one violation, and the built HTML has no inline script.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { courseLessons } from './course';
import { startPreview, type Preview } from './preview';

const lessons = courseLessons();

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

/** A page that reports every CSP violation in any of its frames, and Chromium's own CSP messages. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await preview.newContext();
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/CSP violation|Content.Security.Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return { page, violations };
}

/** Opens `hash` in a freshly loaded document and waits until the sandbox (if any) has started. */
async function open(page: Page, hash: string, ready: () => Promise<unknown>): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${preview.origin}/${hash}`);
  await ready().catch(async (error: unknown) => {
    const text = (await page.locator('body').innerText()).slice(0, 400);
    throw new Error(`${hash} did not become ready; the page shows: ${text}`, { cause: error });
  });
  await page.waitForLoadState('networkidle');
}

test('the built page carries the policy and no inline script', async () => {
  const response = await fetch(`${preview.origin}/`);
  const header = response.headers.get('content-security-policy') ?? '';
  expect(header).toContain("script-src 'self'");
  expect(header).toContain("frame-ancestors 'self'");
  // The same header for static hosts that read a _headers file.
  expect(await (await fetch(`${preview.origin}/_headers`)).text()).toContain(header);
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta?.[1]).toContain('script-src &#39;self&#39;');
  // Browsers ignore frame-ancestors in a meta, and say so in the console.
  expect(meta?.[1]).not.toContain('frame-ancestors');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toMatch(/\bsrc=/);
  expect(html).not.toMatch(/\sstyle=/);
});

test('every page loads without a CSP violation', async () => {
  expect(lessons.length).toBeGreaterThan(0);
  const { page, violations } = await watchedPage();
  const seen: string[] = [];
  const visit = async (hash: string, ready: () => Promise<unknown>) => {
    await open(page, hash, ready);
    seen.push(hash);
  };

  await visit('#/', () => page.getByRole('link', { name: lessons[0]!.title }).first().waitFor());
  for (const lesson of lessons)
    await visit(`#/lesson/${encodeURIComponent(lesson.id)}`, () =>
      page.getByRole('heading', { level: 1, name: lesson.title }).waitFor(),
    );
  await visit('#/done', () => page.getByRole('heading', { level: 1 }).waitFor());

  // The playground's editor: type into it so its highlighting, lint marks and completion run.
  await visit('#/playground', () => page.locator('.cm-content').first().waitFor());
  const editor = page.locator('.cm-content').first();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprox');
  await page.keyboard.press('Control+Space');
  await page.waitForTimeout(1000);

  // The site frame: the worker answers its document, CSS and images.
  await visit(`#/lesson/${encodeURIComponent(lessons[0]!.id)}`, () =>
    page.locator('[data-runtime-mode="worker"]').first().waitFor(),
  );
  await page.getByRole('button', { name: 'Go' }).first().click();
  const frame = page.frameLocator('iframe[title^="The site as a browser sees it"]').first();
  await frame.locator('body').waitFor();
  await page.waitForLoadState('networkidle');

  expect(seen).toHaveLength(lessons.length + 4);
  expect(violations).toEqual([]);
  expect(preview.errors).toEqual([]);
});
