/**
 * The course's own lessons, every one: read and checked as the build reads
 * them, then run through the engine (scenario, presets, predict answers, fix
 * configs and solutions). Passes with no lessons yet; fails on any problem.
 */
import { describe, expect, it } from 'vitest';
import { checkLesson } from './check-lesson';
import { lessonEntry } from './lesson-entry';
import { lessonFiles, readLessonSources } from './load-files';
import { formatProblem } from './load-lesson';
import { loadLessons } from './load-lessons';

const course = loadLessons(readLessonSources(lessonFiles('lessons')));

describe('the lessons', () => {
  it('are valid lesson files, with ids and orders unique across the course', () => {
    expect(course.problems.map(formatProblem)).toEqual([]);
  });

  it('are what virtual:lessons gives the app, in order: the list at once, each lesson on demand', async () => {
    // Imported here, so a lesson with a problem fails this test and not the whole file.
    const { LESSONS, loadLesson } = await import('./lessons');
    expect(LESSONS).toEqual(course.lessons.map(lessonEntry));
    for (const lesson of course.lessons) expect(await loadLesson(lesson.id)).toEqual(lesson);
    const orders = LESSONS.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it.each(course.lessons.map((l) => [l.file, l] as const))(
    '%s: scenario, presets and quiz keys hold in the engine',
    async (_file, lesson) => {
      expect((await checkLesson(lesson)).map(formatProblem)).toEqual([]);
    },
  );
});
