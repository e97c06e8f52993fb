/**
 * What progress means for the course as it is now: each lesson's status in
 * words and the score. A lesson is done once it has been opened and every
 * one of its quiz questions has been answered right (at any try).
 */
import type { Progress } from './progress';
import type { LessonEntry } from './types';

/** The rule, in the words the lesson list shows. */
export const DONE_RULE =
  'A lesson is done once you have opened it and answered every quiz question right.';

export type LessonState = 'new' | 'started' | 'done';

export interface LessonStatus {
  state: LessonState;
  /** Questions whose latest answer is right. */
  right: number;
  questions: number;
  /** Questions whose first answer was right. */
  firstTry: number;
  /** The status in words: "Done", "Started: 1 of 3 questions right", "Not started". */
  words: string;
}

export function lessonStatus(progress: Progress, lesson: LessonEntry): LessonStatus {
  const saved = progress.lessons[lesson.id];
  const questions = lesson.quiz.length;
  const right = lesson.quiz.filter((q) => saved?.answers[q.id]?.correct === true).length;
  const firstTry = lesson.quiz.filter((q) => saved?.firstTry[q.id] === true).length;
  const state: LessonState = !saved?.visited ? 'new' : right === questions ? 'done' : 'started';
  return { state, right, questions, firstTry, words: wordsFor(state, right, questions) };
}

export interface CourseSummary {
  done: number;
  total: number;
  /** Every lesson is done (and there is at least one). */
  complete: boolean;
  firstTry: number;
  questions: number;
  lessons: { lesson: LessonEntry; status: LessonStatus }[];
}

export function courseSummary(progress: Progress, lessons: readonly LessonEntry[]): CourseSummary {
  const rows = lessons.map((lesson) => ({ lesson, status: lessonStatus(progress, lesson) }));
  const done = rows.filter((r) => r.status.state === 'done').length;
  return {
    done,
    total: lessons.length,
    complete: lessons.length > 0 && done === lessons.length,
    firstTry: sum(rows.map((r) => r.status.firstTry)),
    questions: sum(rows.map((r) => r.status.questions)),
    lessons: rows,
  };
}

function wordsFor(state: LessonState, right: number, questions: number): string {
  if (state === 'new') return 'Not started';
  if (state === 'done') return 'Done';
  return `Started: ${right} of ${questions} ${questions === 1 ? 'question' : 'questions'} right`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
