/** A lesson's entry in the course index (see LessonEntry): what the page has before the lesson opens. */
import type { Lesson, LessonEntry } from './types';

export function lessonEntry(lesson: Lesson): LessonEntry {
  const { id, title, order, summary, file, widget, sections, quiz } = lesson;
  return {
    id,
    title,
    order,
    summary,
    file,
    widget,
    sections,
    quiz: quiz.map((q) => ({ id: q.id })),
  };
}
