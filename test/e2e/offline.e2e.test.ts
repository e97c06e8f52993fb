/**
 * The course offline after one visit: the service worker has cached the built
 * site (src/sw/shell-cache.ts), the network goes away, and a learner still
 * reloads, opens lesson 1, sends its request (the proxy runs in the worker),
 * answers its questions and finds the progress kept.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { courseLessons, questionBox, rightAnswers, rightResult } from './course';
import { startPreview, type Preview } from './preview';

const lessons = courseLessons();

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

test('after one visit, lesson 1 can be done offline and its progress is kept', async () => {
  const lesson = lessons.find((l) => l.order === 1);
  if (!lesson) throw new Error('the course has no lesson 1');
  const lessonUrl = `${preview.origin}/#/lesson/${encodeURIComponent(lesson.id)}`;
  const context = await preview.newContext();
  const page = await context.newPage();

  // The first visit, online: the sandbox registers the worker, which caches the site on install.
  await page.goto(lessonUrl);
  await page.locator('[data-runtime-mode="worker"]').first().waitFor();
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const names = (await caches.keys()).filter((n) => n.startsWith('proxy-sandbox-shell-'));
    const cache = names.length === 1 ? await caches.open(names[0]!) : null;
    return { names, urls: cache ? (await cache.keys()).map((r) => new URL(r.url).pathname) : [] };
  });
  expect(cached.names).toHaveLength(1);
  expect(cached.urls).toContain('/index.html');
  expect(cached.urls.some((u) => u.endsWith('.js'))).toBe(true);
  expect(cached.urls.some((u) => u.endsWith('.css'))).toBe(true);

  await context.setOffline(true);
  // Offline for real: what the worker does not hold cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch('/not-cached-probe').then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed');

  const fromNetwork: string[] = [];
  page.on('response', (response) => {
    if (!response.fromServiceWorker()) fromNetwork.push(response.url());
  });
  await page.reload();
  await page.getByRole('link', { name: 'Lessons' }).first().waitFor();
  await page.goto(`${preview.origin}/#/`);
  await page.getByRole('link', { name: lesson.title, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();

  // The request goes through the proxy in the worker, which needs no network.
  await page.getByRole('button', { name: 'Send request' }).first().click();
  await expect
    .poll(() => page.getByRole('status', { name: 'Result' }).first().textContent())
    .toMatch(/^Response: \d{3}/);

  for (const [i, question] of lesson.quiz.entries()) {
    const box = questionBox(page, i + 1);
    const role = question.kind === 'multiple' ? 'checkbox' : 'radio';
    for (const text of await rightAnswers(page, question))
      await box.getByRole(role, { name: text, exact: true }).click();
    await box
      .getByRole('button', { name: question.kind === 'predict' ? 'Run it' : 'Check' })
      .click();
    await rightResult(box).first().waitFor();
  }

  // Still offline: the page comes back from the cache with the lesson done.
  await page.reload();
  await page.goto(`${preview.origin}/#/`);
  await page
    .getByText(/1 of \d+ lessons done/)
    .first()
    .waitFor();
  expect(fromNetwork.filter((url) => !url.startsWith('data:'))).toEqual([]);
  expect(preview.errors).toEqual([]);
  await context.close();
});
