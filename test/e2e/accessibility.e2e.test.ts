/**
 * axe-core over the production build: the home page, every lesson (once loaded
 * and again after a request has been sent through it) and the playground, in
 * the light and the dark colour scheme. No serious or critical violation may
 * remain; a failure lists each one by page, rule and element.
 *
 * The colour scheme is switched on the page as it stands (emulated media), so
 * each page is loaded and sent its request once for both schemes.
 *
 * axe goes in as an init script: the site's Content-Security-Policy refuses
 * inline scripts, which is what `addScriptTag` would add, and init scripts are
 * the browser's own, outside the page's policy.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { courseLessons } from './course';
import { startPreview, type Preview } from './preview';

const WAIT = { timeout: 15_000 };
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const lessons = courseLessons();

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

interface Found {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations on the page as it is now. */
function seriousViolations(page: Page): Promise<Found[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

async function sendOne(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send request' }).first().click();
  await expect
    .poll(() => page.getByRole('status', { name: 'Result' }).first().textContent(), WAIT)
    .toMatch(/^Response: \d{3}|^No response/);
  const journey = page.getByRole('region', { name: "The request's journey" }).first();
  if (await journey.isVisible()) {
    await journey.getByRole('button', { name: /^Instant/ }).click();
    await expect.poll(() => journey.getAttribute('data-journey-state'), WAIT).toMatch(/^arrived/);
  }
}

const SCHEMES = ['light', 'dark'] as const;

test('no serious or critical axe violations on the home page, every lesson and the playground, light and dark', async () => {
  const context = await preview.newContext();
  await context.addInitScript({ path: AXE });
  const page = await context.newPage();
  const report: string[] = [];
  const backgrounds = new Set<string>();
  /** Runs axe in each colour scheme over the page as it stands (the page itself stays as it is). */
  const check = async (where: string) => {
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      backgrounds.add(
        await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      );
      for (const v of await seriousViolations(page))
        report.push(
          `${where} [${colorScheme}]: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.join('\n    ')}`,
        );
    }
  };

  await page.goto(`${preview.origin}/`);
  await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
  await check('home');

  for (const lesson of lessons) {
    await page.goto(`${preview.origin}/#/lesson/${lesson.id}`);
    await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Send request' }).first().waitFor(WAIT);
    await check(`lesson ${lesson.id}`);
    await sendOne(page);
    await check(`lesson ${lesson.id} after a request`);
  }

  await page.goto(`${preview.origin}/#/playground`);
  await page.locator('.cm-editor').waitFor(WAIT);
  await check('playground');
  await sendOne(page);
  await check('playground after a request');

  // The schemes did apply: the page has one background per scheme.
  expect(backgrounds.size).toBe(SCHEMES.length);
  expect(report, report.join('\n')).toEqual([]);
});
