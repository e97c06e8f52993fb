/** The course's lessons, served by src/course/vite-plugin.ts from lessons/*.md. */
declare module 'virtual:lessons' {
  const lessons: readonly import('./types').Lesson[];
  export default lessons;
}
