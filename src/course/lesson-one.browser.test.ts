/**
 * Lesson 1 end to end, as a learner meets it: read it, send its request,
 * answer every question (right, with the answers taken from the lesson file,
 * so the test follows the content), and find the progress still there after
 * the page is loaded again.
 */
import { afterAll, afterEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { unregisterWorkers } from '../../test/browser/workers';
import '../app.css';
import App from '../App.svelte';
import { createPageRuntime } from '../runtime/page-runtime';
import { LESSONS, loadLesson } from './lessons';
import { PROGRESS_STORAGE_KEY } from './progress';

afterAll(unregisterWorkers);
afterEach(() => {
  history.replaceState(null, '', location.pathname + location.search);
  localStorage.removeItem(PROGRESS_STORAGE_KEY);
});

/** Text of a choice as the page shows it: its inline Markdown rendered, tags dropped. */
function plain(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html;
  return (div.textContent ?? '').trim();
}

test('lesson 1: read, send, answer every question, and the progress survives a reload', async () => {
  const entry = LESSONS.find((l) => l.order === 1);
  if (!entry) throw new Error('the course has no lesson 1');
  const lesson = await loadLesson(entry.id);
  history.replaceState(null, '', `#/lesson/${lesson.id}`);
  const runtime = createPageRuntime();
  let screen = await render(App, { runtime });

  // Read: the title, the prose and its figure.
  await expect.element(screen.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
  for (const section of lesson.sections)
    await expect.element(screen.getByRole('heading', { name: section.title })).toBeInTheDocument();

  // Send the lesson's request and watch it arrive.
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent(/^Response: \d{3}/);
  await expect.element(screen.getByRole('region', { name: "The request's journey" })).toBeVisible();

  // Answer every question right.
  for (const [i, question] of lesson.quiz.entries()) {
    const box = screen.getByRole('article', { name: new RegExp(`^Question ${i + 1} `) });
    if (question.kind === 'fix') throw new Error('lesson 1 is not expected to have a fix question');
    const right = question.choices.filter((c) => c.correct).map((c) => plain(c.html));
    const role = question.kind === 'multiple' ? 'checkbox' : 'radio';
    for (const text of right) await box.getByRole(role, { name: text, exact: true }).click();
    if (question.kind === 'predict') await box.getByRole('button', { name: 'Run it' }).click();
    else await box.getByRole('button', { name: 'Check' }).click();
    // The quiz's own result line (a predict question's journey has a live region too).
    await expect.element(box.getByRole('status').filter({ hasText: /✓/ })).toBeVisible();
  }

  // Load the page again: the lesson is done, and its answers are still marked.
  screen.unmount();
  history.replaceState(null, '', '#/');
  screen = await render(App, { runtime });
  await expect.element(screen.getByText(/1 of \d+ lessons done/).first()).toBeVisible();
  await screen.getByRole('link', { name: lesson.title, exact: true }).click();
  const first = screen.getByRole('article', { name: /^Question 1 / });
  await expect.element(first.getByRole('status').filter({ hasText: /✓/ })).toBeVisible();
});
