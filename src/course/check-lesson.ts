/**
 * A lesson tested through the engine: its scenario loads, its presets are
 * answered, each predict question's correct choice is what nginx does, and
 * each fix question starts broken and has a solution that works. A lesson
 * can therefore never drift from the engine's behaviour.
 */
import type { ConfigProblem } from '../runtime/types';
import type { LessonProblem } from './load-lesson';
import { problemText } from './problem-text';
import { observe, runChecks } from './run-quiz';
import type { Lesson, LessonRequest } from './types';

export async function checkLesson(lesson: Lesson): Promise<LessonProblem[]> {
  const problems: LessonProblem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ file: lesson.file, path, message });
  const { scenario } = lesson;

  // The presets, sent in order as a learner clicking through them would.
  const presets = await runChecks(
    scenario.config,
    scenario,
    scenario.requests.map((request) => ({ request, expect: {}, describe: '' })),
  );
  if (presets.problem) {
    problem('scenario.config', refused(presets.problem));
    return problems;
  }
  presets.results.forEach((r, i) => {
    if (!r.exchange?.response)
      problem(
        `scenario.requests[${i}]`,
        `${describeRequest(scenario.requests[i]!)} gets no response: ${r.exchange?.connectionError ?? r.got}`,
      );
  });

  for (const [i, q] of lesson.quiz.entries()) {
    const at = `quiz[${i}]`;
    if (q.kind === 'predict') {
      let value: string;
      try {
        value = (await observe(scenario, q.before, q.request, q.observe)).value;
      } catch (error) {
        problem(at, `the engine failed on its requests: ${String(error)}`);
        continue;
      }
      const correct = q.choices.findIndex((c) => c.correct);
      const answer = q.choices[correct]!.value;
      if (answer !== value)
        problem(
          `${at}.choices[${correct}]`,
          `the correct choice says ${q.observe} is "${answer}", but the engine gives "${value}"`,
        );
    }
    if (q.kind === 'fix') {
      const start = await runChecks(q.config, scenario, q.checks);
      if (start.ok)
        problem(`${at}.config`, 'passes every check already; it must fail at least one');
      else if (start.problem?.refusedBy === 'sandbox')
        problem(`${at}.config`, refused(start.problem));
      const solved = await runChecks(q.solution, scenario, q.checks);
      if (solved.problem) problem(`${at}.solution`, refused(solved.problem));
      solved.results.forEach((r, j) => {
        if (!r.ok)
          problem(`${at}.checks[${j}]`, `the solution fails "${r.describe}": got ${r.got}`);
      });
    }
  }
  return problems;
}

function refused(problem: ConfigProblem): string {
  const who = problem.refusedBy === 'nginx' ? 'nginx refuses it' : 'the sandbox cannot run it yet';
  return `${who}: ${problemText(problem)}`;
}

function describeRequest(r: LessonRequest): string {
  return `${r.method} ${r.url}`;
}
