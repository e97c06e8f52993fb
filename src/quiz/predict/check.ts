/** A predict question checked through the engine: its correct choice is what nginx does. */
import { observe } from '../run-quiz';
import type { QuestionCheck } from '../check';
import type { PredictQuestion } from './schema';

export const checkPredict: QuestionCheck<PredictQuestion> = async (q, scenario) => {
  let value: string;
  try {
    value = (await observe(scenario, q.before, q.request, q.observe)).value;
  } catch (error) {
    return [{ path: '', message: `the engine failed on its requests: ${String(error)}` }];
  }
  const correct = q.choices.findIndex((c) => c.correct);
  const answer = q.choices[correct]!.value;
  if (answer === value) return [];
  return [
    {
      path: `choices[${correct}]`,
      message: `the correct choice says ${q.observe} is "${answer}", but the engine gives "${value}"`,
    },
  ];
};
