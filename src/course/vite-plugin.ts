/**
 * Serves `virtual:lessons`: every lessons/[0-9]*.md, checked and rendered at
 * build time, as the Lesson[] the app imports (sorted by order). A lesson with
 * a problem fails the build, and in dev shows Vite's error overlay until it is
 * fixed. The engine checks (slower, and they would pull the engine into the
 * build) run in `npm run lessons:check` and the unit tests instead.
 */
import { basename, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { LESSON_FILE, lessonFiles, readLessonSources } from './load-files.ts';
import { formatProblem } from './load-lesson.ts';
import { loadLessons } from './load-lessons.ts';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;

export function courseLessons(options: { dir?: string } = {}): Plugin {
  let root = process.cwd();
  let dir = resolve(root, options.dir ?? 'lessons');
  return {
    name: 'proxy-sandbox:lessons',
    configResolved(config) {
      root = config.root;
      dir = resolve(root, options.dir ?? 'lessons');
    },
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return;
      const files = lessonFiles(dir);
      for (const file of files) this.addWatchFile(file);
      const { lessons, problems } = loadLessons(readLessonSources(files, root));
      if (problems.length > 0)
        this.error(
          `${problems.length} problem${problems.length === 1 ? '' : 's'} in the lessons:\n` +
            problems.map(formatProblem).join('\n'),
        );
      return `export default ${JSON.stringify(lessons)};`;
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
    const module = environment.moduleGraph.getModuleById(RESOLVED);
    if (module) environment.moduleGraph.invalidateModule(module);
  }
  server.ws.send({ type: 'full-reload' });
}
