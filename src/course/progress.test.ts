import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  readProgress,
  UNREADABLE_NOTICE,
  withAnswer,
  withVisit,
  writeProgress,
  type Progress,
} from './progress';

const saved: Progress = {
  version: 1,
  lessons: {
    intro: {
      visited: true,
      answers: { where: { correct: true, value: ['front'] } },
      firstTry: { where: false },
    },
  },
  last: 'intro',
};

describe('readProgress', () => {
  it('starts empty, with nothing to say, when nothing is stored', () => {
    expect(readProgress(null)).toEqual({ progress: emptyProgress(), notice: null, rewrite: false });
  });

  it('reads back what writeProgress wrote', () => {
    expect(readProgress(writeProgress(saved))).toEqual({
      progress: saved,
      notice: null,
      rewrite: false,
    });
  });

  it('migrates the unversioned v0 format and asks for it to be rewritten', () => {
    const v0 = { visited: ['intro', 'caching'], correct: { intro: ['where'] }, last: 'caching' };
    expect(readProgress(JSON.stringify(v0))).toEqual({
      progress: {
        version: 1,
        lessons: {
          intro: {
            visited: true,
            answers: { where: { correct: true, value: [] } },
            firstTry: { where: true },
          },
          caching: { visited: true, answers: {}, firstTry: {} },
        },
        last: 'caching',
      },
      notice: null,
      rewrite: true,
    });
  });

  it('migrates a v0 record that has only visited lessons', () => {
    const { progress } = readProgress(JSON.stringify({ visited: ['intro'] }));
    expect(progress.lessons['intro']?.visited).toBe(true);
    expect(progress.last).toBeNull();
  });

  it.each([
    ['text that is not JSON', '{"version": 1, "lessons": '],
    ['JSON that is not an object', '[1, 2, 3]'],
    ['null', 'null'],
    ['a version this app does not know', JSON.stringify({ ...saved, version: 2 })],
    ['a v1 record without lessons', JSON.stringify({ version: 1, last: null })],
    ['a v1 record whose last is a number', JSON.stringify({ ...saved, last: 3 })],
    [
      'a lesson whose visited is not a boolean',
      JSON.stringify({
        ...saved,
        lessons: { intro: { visited: 'yes', answers: {}, firstTry: {} } },
      }),
    ],
    [
      'an answer without a value',
      JSON.stringify({
        ...saved,
        lessons: { intro: { visited: true, answers: { q: { correct: true } }, firstTry: {} } },
      }),
    ],
    [
      'a first try that is not a boolean',
      JSON.stringify({
        ...saved,
        lessons: { intro: { visited: true, answers: {}, firstTry: { q: 1 } } },
      }),
    ],
    ['a v0 record whose visited is not a list', JSON.stringify({ visited: 'intro' })],
    ['a v0 record with a bad correct list', JSON.stringify({ visited: [], correct: { a: 'q' } })],
  ])('starts afresh, with a notice, from %s', (_, stored) => {
    expect(readProgress(stored)).toEqual({
      progress: emptyProgress(),
      notice: UNREADABLE_NOTICE,
      rewrite: true,
    });
  });

  it('does not let a stored __proto__ key reach a prototype', () => {
    const stored = `{"version":1,"last":null,"lessons":{"__proto__":{"visited":true,"answers":{},"firstTry":{}}}}`;
    const { progress } = readProgress(stored);
    expect(Object.getPrototypeOf(progress.lessons)).toBe(Object.prototype);
    expect(progress.lessons).toEqual({});
  });
});

describe('withVisit', () => {
  it('marks the lesson visited and makes it the one to resume, keeping its answers', () => {
    const next = withVisit(saved, 'intro');
    expect(next.lessons['intro']).toEqual({ ...saved.lessons['intro'], visited: true });
    expect(withVisit(next, 'caching')).toMatchObject({
      last: 'caching',
      lessons: { caching: { visited: true, answers: {}, firstTry: {} } },
    });
  });

  it('leaves the progress it was given alone', () => {
    const before = writeProgress(saved);
    withVisit(saved, 'caching');
    expect(writeProgress(saved)).toBe(before);
  });
});

describe('withAnswer', () => {
  it('keeps the latest answer, and the first one decides the score', () => {
    let progress = withAnswer(emptyProgress(), 'intro', 'q', { correct: false, value: ['a'] });
    progress = withAnswer(progress, 'intro', 'q', { correct: true, value: ['b'] });
    expect(progress.lessons['intro']).toEqual({
      visited: false,
      answers: { q: { correct: true, value: ['b'] } },
      firstTry: { q: false },
    });
  });

  it('counts a first answer that was right', () => {
    const progress = withAnswer(emptyProgress(), 'intro', 'q', { correct: true, value: ['a'] });
    expect(progress.lessons['intro']?.firstTry).toEqual({ q: true });
  });
});
