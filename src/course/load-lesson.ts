/**
 * One lesson file (lessons/FORMAT.md) → the Lesson the app uses: frontmatter
 * read and checked, defaults filled in, Markdown rendered and sanitised.
 * Pure: the caller reads the file, so this runs in the build, the tests and
 * the CLI alike.
 */
import { parseDocument } from 'yaml';
import { defaultRequest } from './load-default-request.ts';
import { renderInline, renderMarkdown } from './markdown.ts';
import { parseFrontmatter, type QuizRequestInput } from './schema.ts';
import { loadQuestion } from '../quiz/kinds.ts';
import type { Lesson, LessonRequest } from './types.ts';

/** Something wrong in a lesson file, printed as `file: path: message`. */
export interface LessonProblem {
  /** The file as given, relative to the project: `lessons/05-load-balancing.md`. */
  file: string;
  /** The field (`quiz[2].choices`), `body` for the Markdown text, or '' for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(problem: LessonProblem): string {
  return problem.path
    ? `${problem.file}: ${problem.path}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}

export interface LoadedLesson {
  /** null when the file has problems that leave no lesson to show. */
  lesson: Lesson | null;
  problems: LessonProblem[];
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Reads one lesson file's text; `file` names it in problems and becomes `Lesson.file`. */
export function loadLesson(file: string, source: string): LoadedLesson {
  const problem = (path: string, message: string): LessonProblem => ({ file, path, message });
  const match = FRONTMATTER.exec(source);
  if (!match)
    return {
      lesson: null,
      problems: [problem('', 'a lesson starts with YAML frontmatter between two --- lines')],
    };

  const yaml = match[1]!;
  const doc = parseDocument(yaml, { prettyErrors: false });
  if (doc.errors.length > 0)
    return {
      lesson: null,
      problems: doc.errors.map((e) => {
        // The frontmatter starts on the file's second line.
        const line = yaml.slice(0, e.pos[0]).split('\n').length + 1;
        return problem('(frontmatter)', `not valid YAML at line ${line}: ${e.message}`);
      }),
    };

  const parsed = parseFrontmatter(doc.toJS());
  if (!parsed.ok)
    return { lesson: null, problems: parsed.problems.map((p) => problem(p.path, p.message)) };
  const fm = parsed.value;

  const body = renderMarkdown(source.slice(match[0].length));
  const problems = body.problems.map((m) => problem('body', m));
  const slugs = new Set(body.sections.map((s) => s.slug));
  fm.quiz.forEach((q, i) => {
    const first = fm.quiz.findIndex((other) => other.id === q.id);
    if (first < i)
      problems.push(problem(`quiz[${i}].id`, `"${q.id}" is also the id of quiz[${first}]`));
    if (!slugs.has(q.section))
      problems.push(
        problem(
          `quiz[${i}].section`,
          `no ## heading has the slug "${q.section}" (the sections are: ${[...slugs].join(', ') || 'none'})`,
        ),
      );
  });

  const lesson: Lesson = {
    id: fm.id,
    title: fm.title,
    order: fm.order,
    summary: fm.summary,
    file,
    widget: fm.widget ?? null,
    html: body.html,
    sections: body.sections,
    scenario: {
      config: fm.scenario.config,
      backends: fm.scenario.backends,
      files: fm.scenario.files,
      requests: fm.scenario.requests?.map((r) => ({
        ...(r.label === undefined ? {} : { label: r.label }),
        ...lessonRequest({ ...r, waitMs: 0 }),
      })) ?? [defaultRequest(fm.scenario.config)],
    },
    steps: fm.steps.map((s) => ({ doHtml: renderInline(s.do), lookHtml: renderInline(s.look) })),
    quiz: fm.quiz.map((q) => loadQuestion(q, { inline: renderInline, request: lessonRequest })),
  };
  return { lesson, problems };
}

function lessonRequest(r: QuizRequestInput): LessonRequest {
  return {
    method: r.method,
    url: r.url,
    headers: r.headers,
    body: r.body,
    client: r.client,
    waitMs: r.waitMs,
  };
}
