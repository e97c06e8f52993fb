/**
 * A learner's answer to one quiz question, as the quiz reports it and the
 * course keeps it (plain JSON, so it can be saved and given back on load).
 */
export interface QuizAnswer {
  correct: boolean;
  /**
   * What the learner answered. Single, multiple and predict questions: the
   * chosen choices' positions, from `"0"` (`["0", "2"]`). Fix questions: one
   * string, the config that was checked.
   */
  value: string[];
}
