/** Reads lesson files from disk (node only: the build, the tests and the CLI). */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { LessonSource } from './load-lessons.ts';

/** A lesson file is named `NN-slug.md`; FORMAT.md and README.md are not lessons. */
export const LESSON_FILE = /^[0-9][^/\\]*\.md$/;

/** The lesson files in `dir`, as absolute paths, in name order. */
export function lessonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => LESSON_FILE.test(name))
    .sort()
    .map((name) => resolve(dir, name));
}

/** Reads `files`, naming each relative to `root` with forward slashes, as problems print them. */
export function readLessonSources(files: readonly string[], root = process.cwd()): LessonSource[] {
  return files.map((path) => ({
    file: relative(root, resolve(root, path)).split(sep).join('/'),
    source: readFileSync(resolve(root, path), 'utf8'),
  }));
}
