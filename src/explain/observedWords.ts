/** What a predict question's run produced, in words: "app-a answered.", "The status was 429.". */
import type { Observation } from '../course/types';

export function observedWords(observe: Observation, value: string): string {
  const none = value === 'none';
  if (observe === 'backend') return none ? 'No backend answered.' : `${value} answered.`;
  if (observe === 'status') return none ? 'No response came back.' : `The status was ${value}.`;
  if (observe === 'cache')
    return none ? 'The cache was not used.' : `The cache status was ${value}.`;
  if (observe.startsWith('upstream-header:')) {
    const header = observe.slice('upstream-header:'.length);
    return none
      ? `The backend received no ${header} header.`
      : `The backend received ${header}: ${value}.`;
  }
  const header = observe.slice('header:'.length);
  return none
    ? `The response had no ${header} header.`
    : `The response's ${header} header was ${value}.`;
}
