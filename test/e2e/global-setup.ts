/** Builds and serves the site once for every e2e test file; each gets the origin by `inject('e2eOrigin')`. */
import type { TestProject } from 'vitest/node';
import { serveSite } from './preview';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await serveSite();
  project.provide('e2eOrigin', site.origin);
  return () => site.close();
}
