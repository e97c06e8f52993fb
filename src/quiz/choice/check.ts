/** A choice question has nothing to run: its schema already holds it to one (or some) correct choice. */
import type { QuestionCheck } from '../check';
import type { ChoiceQuestion } from './schema';

export const checkChoice: QuestionCheck<ChoiceQuestion> = async () => [];
