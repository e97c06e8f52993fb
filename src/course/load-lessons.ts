/** Every lesson file of the course → the lessons in order, with problems that span files (a shared id or order). */
import { loadLesson, type LessonProblem } from './load-lesson.ts';
import type { Lesson } from './types.ts';

export interface LessonSource {
  /** Relative to the project: `lessons/05-load-balancing.md`. */
  file: string;
  source: string;
}

export interface LoadedCourse {
  /** Sorted by `order`; a file with problems that leave no lesson is missing. */
  lessons: Lesson[];
  problems: LessonProblem[];
}

export function loadLessons(sources: readonly LessonSource[]): LoadedCourse {
  const problems: LessonProblem[] = [];
  const lessons: Lesson[] = [];
  for (const { file, source } of sources) {
    const loaded = loadLesson(file, source);
    problems.push(...loaded.problems);
    if (loaded.lesson) lessons.push(loaded.lesson);
  }
  for (const field of ['id', 'order'] as const) {
    for (const lesson of lessons) {
      const others = lessons.filter((l) => l !== lesson && l[field] === lesson[field]);
      if (others.length > 0)
        problems.push({
          file: lesson.file,
          path: field,
          message: `${JSON.stringify(lesson[field])} is also the ${field} of ${others.map((l) => l.file).join(', ')}`,
        });
    }
  }
  lessons.sort((a, b) => a.order - b.order);
  return { lessons, problems };
}
