/**
 * A lesson as the app uses it, once `lessons/*.md` has been read, checked and
 * rendered (see lessons/FORMAT.md for the file format an author writes).
 * Everything here is plain data: it travels from the build into the page as
 * JSON.
 */
import type { Question } from '../quiz/kinds';
import type { ClientRequest, Scenario } from '../scenario';

/** One request, as a lesson writes it, with the defaults filled in. */
export interface LessonRequest extends ClientRequest {
  /** Shown on the preset's button: "A request for /api/users". */
  label?: string;
  /** Quiz requests only: virtual milliseconds that pass before it is sent (0 when absent). */
  waitMs: number;
}

/** A lesson's part of the scenario model (its title and summary are the lesson's). */
export interface LessonScenario extends Pick<Scenario, 'config' | 'backends' | 'files'> {
  /** Requests the learner can send with one click; the first fills the form. */
  requests: LessonRequest[];
}

/** A "try this" step. */
export interface LessonStep {
  /** What to do, as sanitised HTML (from inline Markdown). */
  doHtml: string;
  /** What to look for. */
  lookHtml: string;
}

export type { Choice } from '../quiz/question';
export type { ChoiceQuestion } from '../quiz/choice/schema';
export type { Observation, PredictQuestion } from '../quiz/predict/schema';
export type { Expectation, FixQuestion } from '../quiz/fix/schema';
export type { Question } from '../quiz/kinds';

/** A `##` heading of the lesson's text, for the table of contents and the quiz's links. */
export interface LessonSection {
  slug: string;
  title: string;
}

export interface Lesson {
  id: string;
  title: string;
  order: number;
  /** One sentence for the lesson list. */
  summary: string;
  /** The lesson's file, relative to the project (`lessons/05-load-balancing.md`). */
  file: string;
  /** A built-in interactive figure shown above the sandbox (`proxy-kinds`, `event-loop`). */
  widget: string | null;
  /** The prose, rendered and sanitised, code highlighted; `##` headings carry `id="<slug>"`. */
  html: string;
  sections: LessonSection[];
  scenario: LessonScenario;
  steps: LessonStep[];
  quiz: Question[];
}

/**
 * What the lesson list, the navigation and the score need of a lesson: the page
 * loads these for every lesson up front and a lesson's content only when it opens.
 * A whole Lesson is one too.
 */
export type LessonEntry = Pick<
  Lesson,
  'id' | 'title' | 'order' | 'summary' | 'file' | 'widget' | 'sections'
> & {
  /** Only the questions' ids: enough to count what is answered. */
  quiz: Pick<Question, 'id'>[];
};

/** The course as the app reads it: every lesson's entry at once, a lesson's content on demand. */
export interface Course {
  lessons: readonly LessonEntry[];
  /** The whole lesson; rejects when it cannot be fetched (or there is no such lesson). */
  load(id: string): Promise<Lesson>;
}
