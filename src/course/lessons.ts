/**
 * The course: every lessons/[0-9]*.md, checked and rendered at build time, in
 * order. The list comes with the page; a lesson's text, sandbox and quiz come
 * in a chunk of their own when it opens.
 */
import lessons, { content } from 'virtual:lessons';
import type { Course, Lesson, LessonEntry } from './types';

export const LESSONS: readonly LessonEntry[] = lessons;

export async function loadLesson(id: string): Promise<Lesson> {
  const load = content[id];
  if (!load) throw new Error(`there is no lesson called “${id}”`);
  return (await load()).default;
}

export const COURSE: Course = { lessons: LESSONS, load: loadLesson };
