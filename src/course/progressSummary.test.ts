import { describe, expect, it } from 'vitest';
import { TEST_LESSONS } from './test-lessons';
import { emptyProgress, withAnswer, withVisit, type Progress } from './progress';
import { courseSummary, lessonStatus } from './progressSummary';

const [first, second, third] = TEST_LESSONS as [
  (typeof TEST_LESSONS)[number],
  (typeof TEST_LESSONS)[number],
  (typeof TEST_LESSONS)[number],
];
const right = { correct: true, value: ['0'] };
const wrong = { correct: false, value: ['1'] };

function answerAll(progress: Progress, lesson: typeof first, answer = right): Progress {
  return lesson.quiz.reduce((p, q) => withAnswer(p, lesson.id, q.id, answer), progress);
}

describe('lessonStatus', () => {
  it('is “Not started” until the lesson is opened, even with answers', () => {
    const status = lessonStatus(answerAll(emptyProgress(), first), first);
    expect(status).toMatchObject({ state: 'new', words: 'Not started', right: 2, questions: 2 });
  });

  it('is started, with the count in words, while a question is unanswered or wrong', () => {
    let progress = withVisit(emptyProgress(), first.id);
    expect(lessonStatus(progress, first).words).toBe('Started: 0 of 2 questions right');
    progress = withAnswer(progress, first.id, 'where', right);
    progress = withAnswer(progress, first.id, 'who', wrong);
    expect(lessonStatus(progress, first)).toMatchObject({
      state: 'started',
      words: 'Started: 1 of 2 questions right',
    });
    expect(lessonStatus(withVisit(emptyProgress(), second.id), second).words).toBe(
      'Started: 0 of 1 question right',
    );
  });

  it('is done once opened and every question is answered right, whatever the first try was', () => {
    let progress = answerAll(withVisit(emptyProgress(), first.id), first, wrong);
    progress = answerAll(progress, first);
    expect(lessonStatus(progress, first)).toMatchObject({
      state: 'done',
      words: 'Done',
      right: 2,
      firstTry: 0,
    });
  });

  it('is done on opening a lesson with no quiz', () => {
    const lesson = { ...first, quiz: [] };
    expect(lessonStatus(withVisit(emptyProgress(), lesson.id), lesson).state).toBe('done');
  });

  it('ignores answers to questions the lesson no longer has', () => {
    const progress = withAnswer(withVisit(emptyProgress(), second.id), second.id, 'gone', right);
    expect(lessonStatus(progress, second)).toMatchObject({ right: 0, firstTry: 0 });
  });
});

describe('courseSummary', () => {
  it('counts the lessons done and the questions right first time', () => {
    let progress = answerAll(withVisit(emptyProgress(), first.id), first);
    progress = answerAll(withVisit(progress, second.id), second, wrong);
    progress = answerAll(progress, second);
    const summary = courseSummary(progress, TEST_LESSONS);
    expect(summary).toMatchObject({
      done: 2,
      total: 3,
      complete: false,
      firstTry: 2,
      questions: 4,
    });
    expect(summary.lessons.map((r) => [r.lesson.id, r.status.state])).toEqual([
      [first.id, 'done'],
      [second.id, 'done'],
      [third.id, 'new'],
    ]);
  });

  it('is complete when every lesson is done, and never for a course with no lessons', () => {
    const progress = TEST_LESSONS.reduce(
      (p, lesson) => answerAll(withVisit(p, lesson.id), lesson),
      emptyProgress(),
    );
    expect(courseSummary(progress, TEST_LESSONS).complete).toBe(true);
    expect(courseSummary(progress, []).complete).toBe(false);
  });
});
