/**
 * The newcomer's key steps with the keyboard alone (Tab, Enter, Space and the
 * arrow keys; no clicks): from the home page to lesson 1, its request sent, a
 * single-choice question answered, on to lesson 2.
 */
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { courseLessons, questionBox, rightAnswers, rightResult } from './course';
import { startPreview, type Preview } from './preview';

const WAIT = { timeout: 15_000 };
/** More Tab presses than any page here has stops before the one wanted. */
const MAX_TABS = 400;
const [first, second] = courseLessons();

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ origin: inject('e2eOrigin') });
});
afterAll(() => preview?.stop());

const focused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab until `target` has the focus; fails naming what had it last. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor(WAIT);
  for (let i = 0; i < MAX_TABS; i++) {
    if (await focused(target)) return;
    await page.keyboard.press('Tab');
  }
  const last = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${MAX_TABS} Tab presses never reached ${target}; the focus is on ${last}`);
}

test('with the keyboard alone: lesson 1 from home, its request sent, a single-choice question answered, on to lesson 2', async () => {
  if (!first || !second) throw new Error('the course needs two lessons');
  const page = await preview.newPage();
  await page.goto(`${preview.origin}/`);

  await tabTo(
    page,
    page.getByRole('link', { name: `Start with the first lesson: ${first.title}` }),
  );
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: first.title }).waitFor(WAIT);

  await tabTo(page, page.getByRole('button', { name: 'Send request' }));
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByRole('status', { name: 'Result' }).textContent(), WAIT)
    .toMatch(/^Response: \d{3}/);
  const journey = page.getByRole('region', { name: "The request's journey" }).first();
  await tabTo(page, journey.getByRole('button', { name: /^Instant/ }));
  await page.keyboard.press('Space');
  await expect.poll(() => journey.getAttribute('data-journey-state'), WAIT).toMatch(/^arrived/);

  // The first single-choice question: Tab into its radio group, arrows to the right answer.
  const index = first.quiz.findIndex((q) => q.kind === 'single');
  const question = first.quiz[index];
  if (!question || question.kind !== 'single')
    throw new Error('lesson 1 has no single-choice question');
  const box = questionBox(page, index + 1);
  const [answer] = await rightAnswers(page, question);
  const radios = box.getByRole('radio');
  await tabTo(page, radios.first());
  const target = box.getByRole('radio', { name: answer, exact: true });
  if (await focused(target)) await page.keyboard.press('Space');
  for (let i = 0; i < question.choices.length && !(await focused(target)); i++)
    await page.keyboard.press('ArrowDown');
  expect(await target.isChecked()).toBe(true);
  await tabTo(page, box.getByRole('button', { name: 'Check' }));
  await page.keyboard.press('Enter');
  await rightResult(box).waitFor(WAIT);

  await tabTo(page, page.locator('a[rel=next]'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: second.title }).waitFor(WAIT);
  expect(page.url()).toBe(`${preview.origin}/#/lesson/${second.id}`);
});
