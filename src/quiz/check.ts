/** What a question kind's lesson check is: the question run through the engine, problems found by field. */
import type { LessonScenario } from '../course/types';
import { problemText } from './problem-text';
import type { ConfigProblem } from '../runtime/types';
import type { Question } from './kinds';

/** A problem with one of the question's fields: `choices[1]` (the lesson check puts `quiz[i].` in front). */
export interface QuestionProblem {
  path: string;
  message: string;
}

export type QuestionCheck<Q extends Question> = (
  question: Q,
  scenario: LessonScenario,
) => Promise<QuestionProblem[]>;

/** A config the engine would not run, worded for the lesson's author. */
export function refused(problem: ConfigProblem): string {
  const who = problem.refusedBy === 'nginx' ? 'nginx refuses it' : 'the sandbox cannot run it yet';
  return `${who}: ${problemText(problem)}`;
}
