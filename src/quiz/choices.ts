/** How an answer made of chosen choices is judged and restored: choice and predict questions share it. */
import type { QuizAnswer } from '../course/quiz-answer';

/** Right when the chosen choices are exactly the correct ones. */
export function judgeChoices(
  choices: readonly { correct: boolean }[],
  selected: number[],
): boolean {
  const chosen = new Set(selected);
  return choices.length > 0 && choices.every((choice, i) => choice.correct === chosen.has(i));
}

/** The saved positions, when they still fit the question (`many`: more than one may be chosen); null otherwise. */
export function savedPositions(count: number, many: boolean, saved: QuizAnswer): number[] | null {
  const positions = saved.value.map(Number);
  const fits =
    positions.length > 0 &&
    (many || positions.length === 1) &&
    positions.every((p) => Number.isInteger(p) && p >= 0 && p < count);
  return fits ? positions : null;
}

/** The answer a choice machine reports: the chosen positions. */
export function choicesAnswer(correct: boolean | null, selected: number[]): QuizAnswer {
  return { correct: correct === true, value: selected.map(String) };
}
