/** The course: every lessons/[0-9]*.md, checked and rendered at build time, in order. */
import lessons from 'virtual:lessons';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = lessons;
