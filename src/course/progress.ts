/**
 * A learner's progress through the course, as it is kept in localStorage:
 * which lessons they opened, their quiz answers and where they were last.
 * Reading never throws: an older format is migrated, anything unreadable
 * starts afresh and says so.
 */
import type { QuizAnswer } from './quiz-answer';

export type { QuizAnswer };

export interface LessonProgress {
  visited: boolean;
  /** The latest answer to each question, by question id. */
  answers: Record<string, QuizAnswer>;
  /** Whether each question's first answer was right, by question id: the course score. */
  firstTry: Record<string, boolean>;
}

export interface Progress {
  version: 1;
  /** By lesson id. Lessons no longer in the course are kept, and ignored. */
  lessons: Record<string, LessonProgress>;
  /** The lesson opened last, for "Resume where you left off". */
  last: string | null;
}

export const PROGRESS_STORAGE_KEY = 'proxy-sandbox:progress';

/** Shown once when saved progress is there but cannot be read. */
export const UNREADABLE_NOTICE = 'Your saved progress could not be read, so it starts afresh.';

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, last: null };
}

export interface ReadProgress {
  progress: Progress;
  /** Something the learner should be told once, or null. */
  notice: string | null;
  /** The stored text should be replaced by `progress` (it was migrated or unreadable). */
  rewrite: boolean;
}

/**
 * The progress a stored string holds. Nothing stored is a fresh start; the
 * unversioned format (v0) is migrated; anything else that does not read as
 * v1 (bad JSON, a wrong shape, a version this app does not know) is a fresh
 * start with a notice.
 */
export function readProgress(stored: string | null): ReadProgress {
  if (stored === null) return { progress: emptyProgress(), notice: null, rewrite: false };
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch {
    return unreadable();
  }
  if (isRecord(data) && data['version'] === 1) {
    const progress = asV1(data);
    return progress ? { progress, notice: null, rewrite: false } : unreadable();
  }
  if (isRecord(data) && !('version' in data)) {
    const progress = fromV0(data);
    return progress ? { progress, notice: null, rewrite: true } : unreadable();
  }
  return unreadable();
}

export function writeProgress(progress: Progress): string {
  return JSON.stringify(progress);
}

/** The lesson marked as opened, and as the one to resume. */
export function withVisit(progress: Progress, lessonId: string): Progress {
  const lesson = progress.lessons[lessonId] ?? blankLesson();
  return {
    ...progress,
    lessons: { ...progress.lessons, [lessonId]: { ...lesson, visited: true } },
    last: lessonId,
  };
}

/** The answer recorded as the question's latest; the first one also decides its score. */
export function withAnswer(
  progress: Progress,
  lessonId: string,
  questionId: string,
  answer: QuizAnswer,
): Progress {
  const lesson = progress.lessons[lessonId] ?? blankLesson();
  const firstTry =
    questionId in lesson.firstTry
      ? lesson.firstTry
      : { ...lesson.firstTry, [questionId]: answer.correct };
  return {
    ...progress,
    lessons: {
      ...progress.lessons,
      [lessonId]: {
        ...lesson,
        answers: {
          ...lesson.answers,
          [questionId]: { correct: answer.correct, value: [...answer.value] },
        },
        firstTry,
      },
    },
  };
}

function blankLesson(): LessonProgress {
  return { visited: false, answers: {}, firstTry: {} };
}

function unreadable(): ReadProgress {
  return { progress: emptyProgress(), notice: UNREADABLE_NOTICE, rewrite: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable entries only: a stored `__proto__` key must not reach a prototype. */
function entriesOf(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([key]) => key !== '__proto__');
}

/** A v1 record, checked field by field; null if any part is not what v1 writes. */
function asV1(data: Record<string, unknown>): Progress | null {
  const { lessons, last } = data;
  if (!isRecord(lessons) || !(last === null || typeof last === 'string')) return null;
  const progress = emptyProgress();
  progress.last = last;
  for (const [id, entry] of entriesOf(lessons)) {
    const lesson = asLesson(entry);
    if (!lesson) return null;
    progress.lessons[id] = lesson;
  }
  return progress;
}

function asLesson(entry: unknown): LessonProgress | null {
  if (!isRecord(entry)) return null;
  const { visited, answers, firstTry } = entry;
  if (typeof visited !== 'boolean' || !isRecord(answers) || !isRecord(firstTry)) return null;
  const lesson = blankLesson();
  lesson.visited = visited;
  for (const [id, answer] of entriesOf(answers)) {
    if (!isAnswer(answer)) return null;
    lesson.answers[id] = { correct: answer.correct, value: [...answer.value] };
  }
  for (const [id, right] of entriesOf(firstTry)) {
    if (typeof right !== 'boolean') return null;
    lesson.firstTry[id] = right;
  }
  return lesson;
}

function isAnswer(value: unknown): value is QuizAnswer {
  return (
    isRecord(value) &&
    typeof value['correct'] === 'boolean' &&
    Array.isArray(value['value']) &&
    value['value'].every((v) => typeof v === 'string')
  );
}

/**
 * v0, the first unversioned format: `{ visited: string[], correct?: { [lessonId]: string[] },
 * last?: string }`, where `correct` lists the questions answered right. The answers themselves
 * were not kept, so they come across with an empty value, and each counts as right first time.
 */
function fromV0(data: Record<string, unknown>): Progress | null {
  const { visited, correct = {}, last = null } = data;
  if (!Array.isArray(visited) || !visited.every((id) => typeof id === 'string')) return null;
  if (!isRecord(correct) || !(last === null || typeof last === 'string')) return null;
  let progress = emptyProgress();
  for (const id of visited) progress = withVisit(progress, id);
  for (const [lessonId, questions] of entriesOf(correct)) {
    if (!Array.isArray(questions) || !questions.every((q) => typeof q === 'string')) return null;
    for (const questionId of questions)
      progress = withAnswer(progress, lessonId, questionId, { correct: true, value: [] });
  }
  progress.last = last;
  return progress;
}
