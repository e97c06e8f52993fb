/**
 * A newcomer's path through the production build (issue 8, "End to end"): the
 * home page, lesson 1 read, sent and answered, on to lesson 2, the progress
 * kept over a reload; the playground's config broken, the error at its line,
 * fixed and applied, a request routed by it; a share link opened in a fresh
 * browser context. The whole way, every request of every page and service
 * worker must go to the site's own origin.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { courseLessons, questionBox, rightAnswers, rightResult } from './course';
import { startPreview, type Preview } from './preview';

const WAIT = { timeout: 15_000 };
const lessons = courseLessons();
const [first, second] = lessons;

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

/**
 * Sends a GET for `path` (the form's own request when null) and waits until the
 * page shows that request sent and an answer whose first line matches.
 */
async function send(page: Page, path: string | null, expected: RegExp): Promise<void> {
  if (path !== null) await page.getByRole('textbox', { name: 'Path' }).fill(path);
  const target = path ?? (await page.getByRole('textbox', { name: 'Path' }).inputValue());
  await page.getByRole('button', { name: 'Send request' }).click();
  await page
    .getByRole('region', { name: 'As the client sent it' })
    .getByText(`GET ${target} HTTP/1.1`)
    .first()
    .waitFor(WAIT);
  await expect
    .poll(() => page.getByRole('status', { name: 'Result' }).textContent(), WAIT)
    .toMatch(expected);
}

/** The editor line `number` (1-based) as CodeMirror draws it. */
const editorLine = (page: Page, number: number) => page.locator('.cm-line').nth(number - 1);

test('a newcomer: lesson 1 sent and answered, lesson 2, progress kept, the playground broken, fixed and shared, nothing leaving the site', async () => {
  if (!first || !second) throw new Error('the course needs two lessons');
  const context = await preview.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: preview.origin,
  });
  const page = await context.newPage();

  // Home: start the first lesson.
  await page.goto(`${preview.origin}/`);
  await page.getByRole('link', { name: `Start with the first lesson: ${first.title}` }).click();
  await page.getByRole('heading', { level: 1, name: first.title }).waitFor(WAIT);

  // Send its request and watch it finish.
  await send(page, null, /^Response: \d{3}/);
  const journey = page.getByRole('region', { name: "The request's journey" }).first();
  await journey.getByRole('button', { name: /^Instant/ }).click();
  await expect.poll(() => journey.getAttribute('data-journey-state'), WAIT).toMatch(/^arrived/);

  // Answer every question right, with the answers the lesson file gives.
  for (const [i, question] of first.quiz.entries()) {
    const box = questionBox(page, i + 1);
    const role = question.kind === 'multiple' ? 'checkbox' : 'radio';
    for (const text of await rightAnswers(page, question))
      await box.getByRole(role, { name: text, exact: true }).check();
    await box
      .getByRole('button', { name: question.kind === 'predict' ? 'Run it' : 'Check' })
      .click();
    await rightResult(box).waitFor(WAIT);
  }

  // On to lesson 2, then load the page again: lesson 1 is still done.
  await page
    .getByRole('link', { name: new RegExp(second.title) })
    .and(page.locator('[rel=next]'))
    .click();
  await page.getByRole('heading', { level: 1, name: second.title }).waitFor(WAIT);
  expect(page.url()).toBe(`${preview.origin}/#/lesson/${second.id}`);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: second.title }).waitFor(WAIT);
  await page.getByRole('link', { name: 'Lessons', exact: true }).click();
  await page.getByText(`1 of ${lessons.length} lessons done`).first().waitFor(WAIT);
  const firstItem = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: first.title, exact: true }) });
  await expect.poll(() => firstItem.getAttribute('data-state')).toBe('done');

  // The playground: a misspelt directive typed on a new line 6, applied, refused at its line.
  await page.getByRole('link', { name: 'Playground', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Playground' }).waitFor(WAIT);
  await send(page, '/', /^Response: 200/);
  await editorLine(page, 5).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('location /old/ { retrun 301 /new/; }');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByText('Not applied: the previous config keeps serving.').waitFor(WAIT);
  await page.getByText('Line 6: unknown directive "retrun"').first().waitFor(WAIT);
  await editorLine(page, 6).locator('.cm-lintRange-error').waitFor(WAIT);
  // The config before it still serves: /old/ goes to the app.
  await send(page, '/old/page', /^Response: 200/);

  // Fixed on the same line and applied with Ctrl-Enter: /old/ is now redirected.
  await editorLine(page, 6).getByText('retrun').dblclick();
  await page.keyboard.type('return');
  await page.keyboard.press('Control+Enter');
  await page.getByText('Applied: the new config is serving.').waitFor(WAIT);
  await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBe(0);
  await send(page, '/old/page', /^Response: 301/);

  // Share it, and open the link in a browser context of its own.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = page.getByText('Link copied.', { exact: false });
  const manual = page.getByRole('textbox', { name: /link/i }).and(page.locator('[readonly]'));
  await copied.or(manual).first().waitFor(WAIT);
  const link = (await copied.isVisible())
    ? await page.evaluate(() => navigator.clipboard.readText())
    : await manual.inputValue();
  expect(new URL(link).origin).toBe(preview.origin);

  const fresh = await preview.newPage();
  await fresh.goto(link);
  await fresh.getByRole('heading', { level: 1, name: 'Playground' }).waitFor(WAIT);
  await expect
    .poll(() => fresh.locator('.cm-content').textContent(), WAIT)
    .toContain('location /old/ { return 301 /new/; }');
  await send(fresh, '/old/page', /^Response: 301/);
  await send(fresh, '/', /^Response: 200/);

  // Nothing went anywhere but the site, and the service workers were watched too.
  expect(preview.requests.some((r) => r.from === 'service worker')).toBe(true);
  expect(preview.foreignRequests()).toEqual([]);
  expect(preview.errors).toEqual([]);
});
