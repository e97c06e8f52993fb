/** Kept apart from run-quiz.ts so the quiz's view can word a problem without loading the engine. */
import type { ConfigProblem } from '../runtime/types';

/** `[emerg]`-style text for a refused config: `unknown directive "proxy_pas" in nginx.conf:5`. */
export function problemText(problem: ConfigProblem): string {
  return problem.line === null
    ? problem.message
    : `${problem.message} in ${problem.file}:${problem.line}`;
}
