/** Node only: what `npm run export` was asked for — a lesson id, a scenario id or a scenario JSON file — as an exportable scenario. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { lessonFiles, readLessonSources } from '../course/load-files';
import { loadLessons } from '../course/load-lessons';
import type { Lesson } from '../course/types';
import { SCENARIOS } from '../scenario/builtin';
import type { ExportableScenario } from './export-plan';

export interface FoundScenario {
  /** The export's name: the id, or the file's name without `.json`. */
  name: string;
  scenario: ExportableScenario;
}

/** Every lesson of the course, read from `lessonsDir` (problems are the lesson checks' business). */
export function courseLessons(lessonsDir: string, root: string): Lesson[] {
  return loadLessons(readLessonSources(lessonFiles(lessonsDir), root)).lessons;
}

export function lessonScenario(lesson: Lesson): ExportableScenario {
  const { config, backends, files } = lesson.scenario;
  return { title: lesson.title, config, backends, files };
}

/** Throws an Error whose message tells the learner what exists. */
export function findScenario(what: string, root = process.cwd()): FoundScenario {
  if (what.endsWith('.json') || existsSync(resolve(root, what)))
    return readScenarioFile(resolve(root, what));
  const lessons = courseLessons(resolve(root, 'lessons'), root);
  const lesson = lessons.find((l) => l.id === what);
  if (lesson) return { name: lesson.id, scenario: lessonScenario(lesson) };
  const scenario = SCENARIOS.find((s) => s.id === what);
  if (scenario) {
    const { title, config, backends, files } = scenario;
    return { name: scenario.id, scenario: { title, config, backends, files: files ?? {} } };
  }
  throw new Error(
    `no lesson, scenario or file "${what}".\n` +
      `lessons: ${lessons.map((l) => l.id).join(', ')}\n` +
      `scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}\n` +
      'or a JSON file { "title", "config", "backends", "files" }',
  );
}

function readScenarioFile(path: string): FoundScenario {
  if (!existsSync(path)) throw new Error(`no such file: ${path}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(data))
    throw new Error(`${path}: expected a JSON object { title, config, backends, files }`);
  const { title, config, backends, files } = data;
  if (typeof config !== 'string') throw new Error(`${path}: "config" must be the nginx.conf text`);
  if (!isRecord(backends))
    throw new Error(`${path}: "backends" must be an object keyed by address`);
  for (const [address, spec] of Object.entries(backends))
    if (!isRecord(spec) || typeof spec['name'] !== 'string')
      throw new Error(`${path}: backend "${address}" needs a "name"`);
  if (
    files !== undefined &&
    (!isRecord(files) || Object.values(files).some((f) => typeof f !== 'string'))
  )
    throw new Error(`${path}: "files" must map paths to text`);
  const name = basename(path).replace(/\.json$/, '');
  return {
    name,
    scenario: {
      title: typeof title === 'string' ? title : name,
      config,
      backends: backends as ExportableScenario['backends'],
      files: (files ?? {}) as Record<string, string>,
    },
  };
}
