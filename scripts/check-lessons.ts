/**
 * `npm run lessons:check [-- FILE…]`: reads the lesson files (default: every
 * lessons/[0-9]*.md), checks their fields and text, and runs each lesson's
 * scenario, presets and quiz keys through the engine. Prints one line per
 * problem, `file: field: what is wrong`, and `N lessons ok, M problems` last;
 * exits 1 when there is any problem. Ids and orders are compared across the
 * files read, so run it without arguments to check the whole course.
 */
import { existsSync } from 'node:fs';
import { checkLesson } from '../src/course/check-lesson';
import { lessonFiles, readLessonSources } from '../src/course/load-files';
import { formatProblem, type LessonProblem } from '../src/course/load-lesson';
import { loadLessons } from '../src/course/load-lessons';

const named = process.argv.slice(2);
const files = named.length > 0 ? named : lessonFiles('lessons');
const problems: LessonProblem[] = files
  .filter((file) => !existsSync(file))
  .map((file) => ({ file, path: '', message: 'no such file' }));
const sources = readLessonSources(files.filter((file) => existsSync(file)));
const course = loadLessons(sources);
problems.push(...course.problems);
for (const lesson of course.lessons) problems.push(...(await checkLesson(lesson)));

for (const p of problems) console.log(formatProblem(p));
const failing = new Set(problems.map((p) => p.file));
const ok = sources.filter((s) => !failing.has(s.file)).length;
console.log(`${ok} lessons ok, ${problems.length} problems`);
process.exitCode = problems.length > 0 ? 1 : 0;
