/**
 * Builds and serves the site once for every e2e test file; each gets the origin
 * by `inject('e2eOrigin')`. With E2E_ORIGIN set (a site already served, say by
 * `npm run build && npm run preview`), the tests use that instead.
 */
import type { TestProject } from 'vitest/node';
import { serveSite } from './preview';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env['E2E_ORIGIN'];
  if (given) return project.provide('e2eOrigin', given.replace(/\/$/, ''));
  const site = await serveSite();
  project.provide('e2eOrigin', site.origin);
  return () => site.close();
}
