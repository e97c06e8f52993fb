/** A fix question checked through the engine: its config fails a check, its solution passes them all. */
import { runChecks } from '../run-quiz';
import { refused, type QuestionCheck, type QuestionProblem } from '../check';
import type { FixQuestion } from './schema';

export const checkFix: QuestionCheck<FixQuestion> = async (q, scenario) => {
  const problems: QuestionProblem[] = [];
  const start = await runChecks(q.config, scenario, q.checks);
  if (start.ok)
    problems.push({
      path: 'config',
      message: 'passes every check already; it must fail at least one',
    });
  else if (start.problem?.refusedBy === 'sandbox')
    problems.push({ path: 'config', message: refused(start.problem) });
  const solved = await runChecks(q.solution, scenario, q.checks);
  if (solved.problem) problems.push({ path: 'solution', message: refused(solved.problem) });
  solved.results.forEach((r, j) => {
    if (!r.ok)
      problems.push({
        path: `checks[${j}]`,
        message: `the solution fails "${r.describe}": got ${r.got}`,
      });
  });
  return problems;
};
