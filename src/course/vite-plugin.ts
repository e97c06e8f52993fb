/**
 * Serves `virtual:lessons`: every lessons/[0-9]*.md, checked and rendered at
 * build time. Its default export is each lesson's entry (LessonEntry[], sorted
 * by order), and `content` loads a whole lesson from `virtual:lessons/<id>`, a
 * chunk of its own, so the first page carries the list and not every
 * lesson's text. A lesson with a problem fails the build, and in dev shows
 * Vite's error overlay until it is fixed. The engine checks (slower, and they
 * would pull the engine into the build) run in `npm run lessons:check` and
 * the unit tests instead.
 */
import { basename, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { LESSON_FILE, lessonFiles, readLessonSources } from './load-files.ts';
import { lessonEntry } from './lesson-entry.ts';
import { formatProblem } from './load-lesson.ts';
import { loadLessons } from './load-lessons.ts';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;
/** `virtual:lessons/<id>`: one lesson, whole. */
const ONE = ID + '/';

export function courseLessons(options: { dir?: string } = {}): Plugin {
  let root = process.cwd();
  let dir = resolve(root, options.dir ?? 'lessons');
  // The index and every lesson's module read the same files: read and render them once per change.
  let cached: { key: string; course: ReturnType<typeof loadLessons> } | null = null;
  const read = (files: string[]) => {
    const sources = readLessonSources(files, root);
    const key = JSON.stringify(sources);
    if (cached?.key !== key) cached = { key, course: loadLessons(sources) };
    return cached.course;
  };
  return {
    name: 'proxy-sandbox:lessons',
    configResolved(config) {
      root = config.root;
      dir = resolve(root, options.dir ?? 'lessons');
    },
    resolveId: (id) => (id === ID || id.startsWith(ONE) ? '\0' + id : undefined),
    load(id) {
      if (!id.startsWith(RESOLVED)) return;
      const files = lessonFiles(dir);
      for (const file of files) this.addWatchFile(file);
      const { lessons, problems } = read(files);
      if (problems.length > 0)
        this.error(
          `${problems.length} problem${problems.length === 1 ? '' : 's'} in the lessons:\n` +
            problems.map(formatProblem).join('\n'),
        );
      if (id === RESOLVED) {
        const content = lessons.map(
          (l) => `  ${JSON.stringify(l.id)}: () => import(${JSON.stringify(ONE + l.id)}),`,
        );
        return (
          `export default ${JSON.stringify(lessons.map(lessonEntry))};\n` +
          `export const content = {\n${content.join('\n')}\n};\n`
        );
      }
      const lesson = lessons.find((l) => '\0' + ONE + l.id === id);
      if (!lesson) this.error(`there is no lesson called "${id.slice(RESOLVED.length + 1)}"`);
      return `export default ${JSON.stringify(lesson)};`;
    },
    configureServer(server) {
      // A lesson edited, added or removed (which no watched file tells) reloads the page with them read again.
      const changed = (path: string) => {
        if (resolve(path, '..') === dir && LESSON_FILE.test(basename(path))) reload(server);
      };
      server.watcher.add(dir);
      for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, changed);
    },
  };
}

function reload(server: ViteDevServer): void {
  for (const environment of Object.values(server.environments)) {
    for (const [id, module] of environment.moduleGraph.idToModuleMap)
      if (id.startsWith(RESOLVED)) environment.moduleGraph.invalidateModule(module);
  }
  server.ws.send({ type: 'full-reload' });
}
