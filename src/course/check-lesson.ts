/**
 * A lesson tested through the engine: its scenario loads, its presets are
 * answered, and each question holds as its kind's check says (a predict
 * question's correct choice is what nginx does; a fix question starts broken
 * and has a solution that works: src/quiz/<kind>/check.ts). A lesson
 * can therefore never drift from the engine's behaviour.
 */
import { refused } from '../quiz/check';
import { checkQuestion } from '../quiz/checks';
import type { LessonProblem } from './load-lesson';
import { runChecks } from '../quiz/run-quiz';
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

  for (const [i, q] of lesson.quiz.entries())
    for (const found of await checkQuestion(q, scenario))
      problem(found.path ? `quiz[${i}].${found.path}` : `quiz[${i}]`, found.message);
  return problems;
}

function describeRequest(r: LessonRequest): string {
  return `${r.method} ${r.url}`;
}
