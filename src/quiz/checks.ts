/** Each question kind's lesson check (see kinds.ts), for `npm run lessons:check` and the lesson tests. */
import type { LessonScenario } from '../course/types';
import type { QuestionCheck, QuestionProblem } from './check';
import { checkChoice } from './choice/check';
import { checkFix } from './fix/check';
import type { Question, QuestionKind } from './kinds';
import { checkPredict } from './predict/check';

type Checks = { [K in QuestionKind]: QuestionCheck<Extract<Question, { kind: K }>> };

const QUESTION_CHECKS: Checks = {
  single: checkChoice,
  multiple: checkChoice,
  predict: checkPredict,
  fix: checkFix,
};

/** The question run through the engine as its kind says; problems by the question's own fields. */
export function checkQuestion(
  question: Question,
  scenario: LessonScenario,
): Promise<QuestionProblem[]> {
  return (QUESTION_CHECKS[question.kind] as QuestionCheck<Question>)(question, scenario);
}
