/** What the e2e tests know of the course: the lessons as the build reads them, and how to answer a question right. */
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright';
import { lessonFiles, readLessonSources } from '../../src/course/load-files';
import { loadLessons } from '../../src/course/load-lessons';
import type { Lesson, Question } from '../../src/course/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every lesson, in course order, read from lessons/*.md (the answers follow the content). */
export function courseLessons(): Lesson[] {
  const { lessons, problems } = loadLessons(
    readLessonSources(lessonFiles(`${ROOT}/lessons`), ROOT),
  );
  if (problems.length > 0)
    throw new Error(`the lessons have problems: ${JSON.stringify(problems)}`);
  return lessons;
}

/** A choice's text as the page shows it: its inline HTML rendered by the page, tags dropped. */
export function plainText(page: Page, html: string): Promise<string> {
  return page.evaluate((h) => {
    const div = document.createElement('div');
    div.innerHTML = h;
    return (div.textContent ?? '').trim();
  }, html);
}

/** The right choices' texts for a choice or predict question. */
export async function rightAnswers(page: Page, question: Question): Promise<string[]> {
  if (question.kind === 'fix') throw new Error(`question ${question.id} is a fix question`);
  const right = question.choices.filter((c) => c.correct);
  return Promise.all(right.map((c) => plainText(page, c.html)));
}

/** The box of question `number` (1-based) on a lesson page. */
export function questionBox(page: Page, number: number): Locator {
  return page.getByRole('article', { name: new RegExp(`^Question ${number} `) });
}

/** The question's own result line once it is answered right (a predict question's journey has a status too). */
export function rightResult(box: Locator): Locator {
  return box.getByRole('status').filter({ hasText: /✓/ });
}
