/**
 * A lesson as the app uses it, once `lessons/*.md` has been read, checked and
 * rendered (see lessons/FORMAT.md for the file format an author writes).
 * Everything here is plain data: it travels from the build into the page as
 * JSON.
 */
import type { ClientRequest, Scenario } from '../scenario/index.ts';

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

export interface Choice {
  /** Sanitised HTML (inline Markdown). */
  html: string;
  correct: boolean;
  /** Why this choice is right or wrong: every choice has one. */
  whyHtml: string;
}

/** What a predict question asks about the response to its request. */
export type Observation =
  /** The `name` of the backend that answered (`app-b`), or `none` when nginx answered itself. */
  | 'backend'
  /** The status code as a string (`200`, `502`), or `none` when no response came back. */
  | 'status'
  /** The proxy cache's status (`MISS`, `HIT`, `EXPIRED`, `STALE`, `BYPASS`, …), or `none`. */
  | 'cache'
  /** A response header's value, or `none` when absent: `header:X-Cache-Status`. */
  | `header:${string}`
  /** A header as the backend received it, or `none` (absent, or no backend asked): `upstream-header:X-Forwarded-For`. */
  | `upstream-header:${string}`;

/** Expectations a "fix the config" check puts on one response; all given must hold. */
export interface Expectation {
  status?: number;
  backend?: string;
  cache?: string;
  /** Response header values, by name (case-insensitive); `null` means the header must be absent. */
  headers?: Record<string, string | null>;
}

interface QuestionBase {
  /** Unique within the lesson. */
  id: string;
  promptHtml: string;
  /** The lesson section (a `##` heading's slug) that answers it. */
  section: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'single' | 'multiple';
  choices: Choice[];
}

export interface PredictQuestion extends QuestionBase {
  kind: 'predict';
  /** Sent first, in order, on a fresh proxy (their answers are shown but not asked about). */
  before: LessonRequest[];
  /** The request whose outcome the learner predicts. */
  request: LessonRequest;
  observe: Observation;
  /** Exactly one is correct; its text (plain) is what the engine must produce. */
  choices: (Choice & { value: string })[];
}

export interface FixQuestion extends QuestionBase {
  kind: 'fix';
  /** The config the learner starts from (it fails at least one check). */
  config: string;
  /** A config that passes every check: shown on request, and tested. */
  solution: string;
  /** Each request is sent on a fresh proxy in order; each response must meet its expectation. */
  checks: {
    request: LessonRequest;
    expect: Expectation;
    /** Plain words for the learner. */
    describe: string;
  }[];
  hintHtml: string;
}

export type Question = ChoiceQuestion | PredictQuestion | FixQuestion;

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
