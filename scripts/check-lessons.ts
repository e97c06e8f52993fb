/**
 * `npm run lessons:check [-- FILE…]`: reads the lesson files (default: every
 * lessons/[0-9]*.md), checks their fields and text, and runs each lesson's
 * scenario, presets and quiz keys through the engine. Prints one line per
 * problem, `file: field: what is wrong`, and `N lessons ok, M problems` last;
 * exits 1 when there is any problem. Ids and orders are compared across the
 * files read, so run it without arguments to check the whole course.
 */
import { checkLesson } from '../src/course/check-lesson';
import { lessonFiles, readLessonSources } from '../src/course/load-files';
import { formatProblem, type LessonProblem } from '../src/course/load-lesson';
import { loadLessons } from '../src/course/load-lessons';

const files = process.argv.slice(2);
const sources = readLessonSources(files.length > 0 ? files : lessonFiles('lessons'));
const { lessons, problems } = loadLessons(sources);
const engineProblems: LessonProblem[] = [];
for (const lesson of lessons) engineProblems.push(...(await checkLesson(lesson)));

const all = [...problems, ...engineProblems];
for (const p of all) console.log(formatProblem(p));
const failing = new Set(all.map((p) => p.file));
const ok = sources.filter((s) => !failing.has(s.file)).length;
console.log(`${ok} lessons ok, ${all.length} problems`);
process.exitCode = all.length > 0 ? 1 : 0;
