import { afterAll, afterEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { unregisterWorkers } from '../test/browser/workers';
import './app.css';
import App from './App.svelte';
import {
  emptyProgress,
  PROGRESS_STORAGE_KEY,
  UNREADABLE_NOTICE,
  withAnswer,
  withVisit,
  type Progress,
} from './course/progress';
import type { Lesson } from './course/types';
import { encodeScenario } from './playground/share';
import { createPageRuntime } from './runtime/page-runtime';
import { SCENARIOS } from './scenario/builtin';
import { classicProxy } from './scenario/builtin/classic-proxy';
import type { Scenario } from './scenario';
import { TEST_LESSONS } from './course/test-lessons';
import { courseOf } from './course/course-of';

// The App starts the real service worker; it must not stay registered for other test files.
afterAll(unregisterWorkers);

afterEach(async () => {
  history.replaceState(null, '', location.pathname + location.search);
  localStorage.removeItem(PROGRESS_STORAGE_KEY);
  await page.viewport(414, 896);
});

// A second scenario of our own, so these tests do not depend on which ones the course has.
const second: Scenario = {
  ...classicProxy,
  id: 'second',
  title: 'The same proxy, a second time',
  summary: 'Only here so the picker has a choice.',
};
const scenarios = [classicProxy, second];
const [first, middle, last] = TEST_LESSONS as [Lesson, Lesson, Lesson];

/** The App on the test lessons, its proxy in the page (quicker than the worker, and the same engine). */
function renderCourse(hash = '#/') {
  history.replaceState(null, '', hash);
  return render(App, { course: courseOf(TEST_LESSONS), scenarios, runtime: createPageRuntime() });
}

function saveProgress(progress: Progress) {
  localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(progress));
}

function saved(): Progress {
  return JSON.parse(localStorage.getItem(PROGRESS_STORAGE_KEY) ?? 'null') as Progress;
}

/** Every lesson opened and every question answered right; the first lesson's first question wrong at first. */
function everythingDone(): Progress {
  let progress = emptyProgress();
  for (const lesson of TEST_LESSONS) {
    progress = withVisit(progress, lesson.id);
    for (const question of lesson.quiz) {
      if (lesson === first && question.id === 'where')
        progress = withAnswer(progress, lesson.id, question.id, { correct: false, value: ['1'] });
      progress = withAnswer(progress, lesson.id, question.id, { correct: true, value: ['0'] });
    }
  }
  return progress;
}

test('the lesson list shows every lesson in order, its state in words, and the progress as text', async () => {
  let progress = withVisit(emptyProgress(), first.id);
  progress = withAnswer(progress, first.id, 'where', { correct: true, value: ['0'] });
  saveProgress(progress);
  const screen = await renderCourse();

  await expect
    .element(screen.getByRole('heading', { level: 1, name: 'How reverse proxies work' }))
    .toBeVisible();
  const main = screen.getByRole('main');
  await expect.element(main.getByText('0 of 3 lessons done')).toBeVisible();
  await expect.element(main.getByRole('progressbar')).toHaveAccessibleName('0 of 3 lessons done');
  await expect.element(main.getByText(/A lesson is done once you have opened it/)).toBeVisible();

  const items = main.getByRole('list').first().getByRole('listitem');
  expect(items.elements().map((li) => li.querySelector('a')?.textContent)).toEqual(
    TEST_LESSONS.map((l) => l.title),
  );
  await expect.element(items.nth(0)).toHaveTextContent('Started: 1 of 2 questions right');
  await expect.element(items.nth(0)).toHaveTextContent(first.summary);
  await expect.element(items.nth(1)).toHaveTextContent('Not started');
  await expect
    .element(screen.getByRole('link', { name: `Resume where you left off: ${first.title}` }))
    .toHaveAttribute('href', `#/lesson/${first.id}`);
});

test('a deep link opens the lesson: text, steps, figure, sandbox and quiz; it is marked visited', async () => {
  history.replaceState(null, '', `#/lesson/${middle.id}`);
  // The real runtime here (the service worker), as a learner gets it.
  const screen = await render(App, { course: courseOf(TEST_LESSONS), scenarios });

  await expect.element(screen.getByRole('heading', { level: 1, name: middle.title })).toBeVisible();
  await expect.element(screen.getByText('Lesson 2 of 3')).toBeVisible();
  await expect.element(screen.getByText(`The text of ${middle.title}.`)).toBeVisible();
  const steps = screen.getByRole('region', { name: 'Try this' });
  await expect
    .element(steps.getByRole('listitem').first())
    .toHaveTextContent('Send the request. Look for: The answer comes from app.');
  await expect.element(steps.getByText('the request')).toHaveProperty('tagName', 'STRONG');
  await expect
    .element(screen.getByRole('heading', { name: 'Forward proxy or reverse proxy?' }))
    .toBeVisible();
  await expect
    .element(screen.getByRole('heading', { level: 2, name: /^Quiz/ }))
    .toHaveTextContent('Quiz (1 question)');
  await expect
    .element(screen.getByRole('heading', { level: 2, name: 'Try it in the sandbox' }))
    .toBeVisible();

  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
  expect(saved()).toMatchObject({ last: middle.id, lessons: { [middle.id]: { visited: true } } });
  expect(document.title).toBe(`${middle.title} — Proxy Sandbox`);
});

test('the lesson’s requests are buttons that fill the form, client address and headers too', async () => {
  const screen = await renderCourse(`#/lesson/${first.id}`);
  const send = screen.getByRole('region', { name: 'Send a request', exact: true });
  await send.getByRole('button', { name: 'An API call from another client' }).click();

  await expect.element(send.getByLabelText('Path')).toHaveValue('/api/items?page=2');
  await expect.element(send.getByLabelText('Client address')).toHaveValue('127.0.0.2');
  await expect.element(send.getByLabelText('Headers')).toHaveValue('Accept: application/json');
  await expect
    .element(send.getByRole('status'))
    .toHaveTextContent('The form now holds “An API call from another client”.');
  await send.getByRole('button', { name: 'Send request' }).click();
  const backend = screen.getByRole('region', { name: 'As the backend received it', exact: true });
  await expect.element(backend).toHaveTextContent('GET /api/items?page=2 HTTP/1.0');
  await expect.element(backend).toHaveTextContent('X-Real-IP: 127.0.0.2');

  await send.getByRole('button', { name: 'The home page' }).click();
  await expect.element(send.getByLabelText('Path')).toHaveValue('/');
  await expect.element(send.getByLabelText('Client address')).toHaveValue('127.0.0.1');
});

test('a lesson’s files are on the proxy’s disk', async () => {
  const site: Lesson = {
    ...first,
    id: 'static',
    scenario: {
      ...first.scenario,
      config: `events {}
http {
  server {
    listen 80;
    server_name example.com;
    root /var/www;
  }
}
`,
      files: { '/var/www/index.html': '<h1>Hello from the disk</h1>' },
    },
  };
  history.replaceState(null, '', '#/lesson/static');
  const screen = await render(App, { course: courseOf([site]), runtime: createPageRuntime() });
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('region', { name: 'What the client got back', exact: true }))
    .toHaveTextContent('Hello from the disk');
});

test('next and previous go through the lessons in order; the back button comes back', async () => {
  const screen = await renderCourse(`#/lesson/${first.id}`);
  const pager = screen.getByRole('navigation', { name: 'Lessons before and after' });
  await expect.element(pager.getByRole('link', { name: 'All lessons' })).toBeVisible();

  await pager.getByRole('link', { name: `Next: ${middle.title}` }).click();
  const heading = screen.getByRole('heading', { level: 1, name: middle.title });
  await expect.element(heading).toBeVisible();
  expect(location.hash).toBe(`#/lesson/${middle.id}`);
  // The new page's heading has the focus, so keyboard and screen reader start there.
  await expect.element(heading).toHaveFocus();
  await expect.element(screen.getByText('Lesson 2 of 3')).toBeVisible();

  await pager.getByRole('link', { name: `Previous: ${first.title}` }).click();
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toBeVisible();

  history.back();
  await expect.element(screen.getByRole('heading', { level: 1, name: middle.title })).toBeVisible();
  expect(saved().last).toBe(middle.id);
});

test('the last lesson’s next is the score: right first time out of all, lesson by lesson', async () => {
  saveProgress(everythingDone());
  const screen = await renderCourse(`#/lesson/${last.id}`);
  await screen.getByRole('link', { name: 'Finish: your score' }).click();

  await expect
    .element(screen.getByRole('heading', { level: 1, name: 'You finished the course' }))
    .toBeVisible();
  await expect
    .element(screen.getByText(/You answered/))
    .toHaveTextContent('You answered 3 of 4 questions right the first time.');
  const rows = screen.getByRole('table', { name: 'Lesson by lesson' }).getByRole('row');
  await expect.element(rows.nth(1)).toHaveTextContent(`${first.title}1 of 2Done`);
  await expect.element(rows.nth(2)).toHaveTextContent(`${middle.title}1 of 1Done`);

  await screen.getByRole('link', { name: 'Lessons', exact: true }).click();
  await expect.element(screen.getByRole('main').getByText('3 of 3 lessons done')).toBeVisible();
  await expect
    .element(screen.getByRole('link', { name: 'You have done every lesson: see your score' }))
    .toHaveAttribute('href', '#/done');
});

test('progress survives a reload: the visit, a quiz answer and where to resume', async () => {
  const screen = await renderCourse();
  await screen.getByRole('link', { name: middle.title, exact: true }).click();
  await expect.element(screen.getByRole('heading', { level: 1, name: middle.title })).toBeVisible();
  const quiz = screen.getByRole('region', { name: /^Quiz/ });
  await quiz.getByRole('radio', { name: 'Same' }).click();
  await quiz.getByRole('button', { name: 'Check' }).click();
  await expect.element(quiz.getByText('✓ Right.')).toBeVisible();
  screen.unmount();

  const again = await renderCourse();
  await expect.element(again.getByRole('main').getByText('1 of 3 lessons done')).toBeVisible();
  await expect
    .element(again.getByRole('link', { name: `Resume where you left off: ${middle.title}` }))
    .toBeVisible();
  await expect
    .element(again.getByRole('main').getByRole('listitem').nth(1))
    .toHaveTextContent('Done');
  expect(saved().lessons[middle.id]).toEqual({
    visited: true,
    answers: { host: { correct: true, value: ['0'] } },
    firstTry: { host: true },
  });
});

test('saved progress that cannot be read says so once, starts afresh, and the course works', async () => {
  localStorage.setItem(PROGRESS_STORAGE_KEY, '{"version": 1, "lessons": [oops');
  const screen = await renderCourse();
  const notice = screen.getByRole('status').filter({ hasText: 'saved progress' });
  await expect.element(notice).toHaveTextContent(UNREADABLE_NOTICE);
  await expect.element(screen.getByRole('main').getByText('0 of 3 lessons done')).toBeVisible();

  await screen.getByRole('link', { name: first.title, exact: true }).click();
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  await screen.getByRole('button', { name: 'Dismiss' }).click();
  await expect.element(notice).not.toBeInTheDocument();
  expect(saved().last).toBe(first.id);
  screen.unmount();

  const again = await renderCourse();
  await expect.element(again.getByRole('main').getByText('0 of 3 lessons done')).toBeVisible();
  await expect.element(again.getByText(UNREADABLE_NOTICE)).not.toBeInTheDocument();
});

test('reset progress asks first; “no” keeps everything, “yes” forgets it', async () => {
  saveProgress(everythingDone());
  const screen = await renderCourse();
  await expect.element(screen.getByRole('main').getByText('3 of 3 lessons done')).toBeVisible();

  await screen.getByRole('button', { name: 'Reset progress…' }).click();
  const keep = screen.getByRole('button', { name: 'No, keep my progress' });
  await expect.element(keep).toHaveFocus();
  await keep.click();
  await expect.element(screen.getByRole('main').getByText('3 of 3 lessons done')).toBeVisible();
  await expect.element(screen.getByRole('button', { name: 'Reset progress…' })).toHaveFocus();

  await screen.getByRole('button', { name: 'Reset progress…' }).click();
  await screen.getByRole('button', { name: 'Yes, reset my progress' }).click();
  await expect.element(screen.getByRole('main').getByText('0 of 3 lessons done')).toBeVisible();
  await expect.element(screen.getByText('Your progress has been reset.')).toBeVisible();
  await expect
    .element(screen.getByRole('link', { name: `Start with the first lesson: ${first.title}` }))
    .toBeVisible();
  expect(localStorage.getItem(PROGRESS_STORAGE_KEY)).toBeNull();
});

test('on a phone-sized screen the lesson reads first, with a link that jumps to the sandbox', async () => {
  await page.viewport(375, 740);
  const screen = await renderCourse(`#/lesson/${first.id}`);
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  const jump = screen.getByRole('link', { name: 'Jump to the sandbox' });
  await expect.element(jump).toBeInViewport();
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeInTheDocument();
  await expect.element(screen.getByRole('button', { name: 'Send request' })).not.toBeInViewport();

  await jump.click();
  const sandbox = document.getElementById('sandbox');
  await expect.poll(() => document.activeElement).toBe(sandbox);
  await expect
    .element(screen.getByRole('heading', { level: 2, name: 'Try it in the sandbox' }))
    .toBeInViewport();
  expect(location.hash).toBe(`#/lesson/${first.id}`);

  // Nothing is wider than the phone, before or after an answer fills the inspector and live panels.
  expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(375);
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect
    .element(screen.getByRole('status', { name: 'Result' }))
    .toHaveTextContent('Response: 200 OK');
  expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(375);
});

test('the keyboard alone reaches the lesson links, and the focus is visible there', async () => {
  const screen = await renderCourse();
  await expect.element(screen.getByRole('main').getByText('0 of 3 lessons done')).toBeVisible();
  const lessonLink = screen.getByRole('link', { name: first.title, exact: true }).element();

  await userEvent.tab();
  await expect.element(screen.getByRole('link', { name: 'Skip to the content' })).toHaveFocus();
  await expect.element(screen.getByRole('link', { name: 'Skip to the content' })).toBeInViewport();
  for (let i = 0; i < 20 && document.activeElement !== lessonLink; i++) await userEvent.tab();

  expect(document.activeElement).toBe(lessonLink);
  const ring = getComputedStyle(lessonLink);
  expect(ring.outlineStyle).toBe('solid');
  expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);

  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toHaveFocus();
});

test('the skip link takes the focus past the header to the page', async () => {
  const screen = await renderCourse();
  await userEvent.tab();
  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByRole('main')).toHaveFocus();
  await userEvent.tab();
  await expect
    .element(screen.getByRole('link', { name: `Start with the first lesson: ${first.title}` }))
    .toHaveFocus();
});

test('an unknown lesson or page says so and links home, never a blank page', async () => {
  const screen = await renderCourse('#/lesson/no-such-lesson');
  await expect
    .element(screen.getByRole('heading', { level: 1, name: 'Nothing here' }))
    .toBeVisible();
  await expect
    .element(screen.getByText('There is no lesson called “no-such-lesson”.'))
    .toBeVisible();

  location.hash = '#/somewhere/else';
  await expect.element(screen.getByText('There is no page at “#/somewhere/else”.')).toBeVisible();
  await screen.getByRole('link', { name: 'Go to the list of lessons' }).click();
  await expect
    .element(screen.getByRole('heading', { level: 1, name: 'How reverse proxies work' }))
    .toBeVisible();
});

test('a link inside a lesson to one of its headings keeps the lesson on screen', async () => {
  const screen = await renderCourse(`#/lesson/${first.id}`);
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  location.hash = '#first';
  await new Promise((resolve) => setTimeout(resolve, 50));
  await expect.element(screen.getByRole('heading', { level: 1, name: first.title })).toBeVisible();

  history.replaceState(null, '', `#/lesson/${first.id}/first`);
  screen.unmount();
  const again = await render(App, { course: courseOf(TEST_LESSONS), runtime: createPageRuntime() });
  await expect
    .element(again.getByRole('heading', { level: 2, name: 'First things' }))
    .toHaveFocus();
});

test('the playground lists the scenarios by title and opens the chosen one, kept in the address', async () => {
  history.replaceState(null, '', '#/playground');
  const screen = await render(App, { scenarios });
  const picker = screen.getByLabelText('Scenario');
  await expect
    .element(screen.getByRole('heading', { level: 2, name: classicProxy.title }))
    .toBeVisible();
  expect([...(picker.element() as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
    classicProxy.title,
    second.title,
  ]);

  await picker.selectOptions(second.title);
  await expect.element(screen.getByRole('heading', { level: 2, name: second.title })).toBeVisible();
  expect(location.hash).toBe('#/playground?scenario=second');

  // The back button goes back to the scenario before.
  history.back();
  await expect
    .element(screen.getByRole('heading', { level: 2, name: classicProxy.title }))
    .toBeVisible();
  await expect.element(picker).toHaveValue(classicProxy.id);
});

test('the playground’s first links, #scenario=<id>, still open that scenario', async () => {
  history.replaceState(null, '', '#scenario=second');
  const screen = await render(App, { scenarios });
  await expect.element(screen.getByRole('heading', { level: 2, name: second.title })).toBeVisible();
  await expect.element(screen.getByLabelText('Scenario')).toHaveValue('second');
  await expect.element(screen.getByText(/There is no scenario/)).not.toBeInTheDocument();
});

test('an unknown scenario id opens the first scenario and says so', async () => {
  history.replaceState(null, '', '#/playground?scenario=no-such-thing');
  const screen = await render(App);
  const firstScenario = SCENARIOS[0]!;
  await expect
    .element(screen.getByRole('heading', { level: 2, name: firstScenario.title }))
    .toBeVisible();
  await expect
    .element(screen.getByRole('status').filter({ hasText: 'There is no scenario' }))
    .toHaveTextContent(
      `There is no scenario called “no-such-thing”, so this is the first one: ${firstScenario.title}.`,
    );
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
});

test('every lesson opens its scenario in the playground, kept in the address', async () => {
  const screen = await renderCourse(`#/lesson/${middle.id}`);
  await screen.getByRole('link', { name: 'Open this lesson’s scenario in the playground' }).click();
  expect(location.hash).toBe(`#/playground?lesson=${middle.id}`);
  await expect.element(screen.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await expect.element(screen.getByRole('heading', { level: 2, name: middle.title })).toBeVisible();
  await expect
    .element(screen.getByLabelText('Scenario'))
    .toHaveDisplayValue(`Lesson: ${middle.title}`);
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
});

test('a shared link in the address opens its scenario; a tampered one is refused in words', async () => {
  const shared = {
    title: 'Shared with me',
    config: classicProxy.config,
    backends: classicProxy.backends,
    files: {},
  };
  const screen = await renderCourse(`#/playground?s=${encodeScenario(shared)}`);
  await expect
    .element(screen.getByRole('heading', { level: 2, name: 'Shared with me' }))
    .toBeVisible();
  screen.unmount();

  const again = await renderCourse(`#/playground?s=v1.${'A'.repeat(40)}`);
  await expect
    .element(again.getByRole('alert').filter({ hasText: 'The shared link could not be opened.' }))
    .toBeVisible();
  await expect
    .element(again.getByRole('heading', { level: 2, name: classicProxy.title }))
    .toBeVisible();
});

test('the header carries the way to the lessons and the playground, the progress and the theme', async () => {
  const screen = await renderCourse();
  const banner = screen.getByRole('banner');
  await expect.element(banner.getByRole('group', { name: 'Theme' })).toBeVisible();
  await expect
    .element(banner.getByRole('link', { name: 'Lessons' }))
    .toHaveAttribute('aria-current', 'page');
  await expect.element(banner.getByRole('progressbar')).toHaveAccessibleName('0 of 3 lessons done');
  await banner.getByRole('link', { name: 'Playground' }).click();
  await expect.element(screen.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await expect
    .element(banner.getByRole('link', { name: 'Playground' }))
    .toHaveAttribute('aria-current', 'page');
});

test('with no lessons yet the home page points to the playground', async () => {
  history.replaceState(null, '', '#/');
  const screen = await render(App, { course: courseOf([]), scenarios });
  await expect
    .element(screen.getByRole('main').getByRole('link', { name: 'playground' }))
    .toHaveAttribute('href', '#/playground');
});
