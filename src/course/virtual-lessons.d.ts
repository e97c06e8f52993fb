/** The course's lessons, served by src/course/vite-plugin.ts from lessons/*.md. */
declare module 'virtual:lessons' {
  /** Every lesson's entry, in order. */
  const lessons: readonly import('./types').LessonEntry[];
  export default lessons;
  /** Each lesson's whole content, by id, as a chunk of its own. */
  export const content: Readonly<
    Record<string, () => Promise<{ default: import('./types').Lesson }>>
  >;
}
