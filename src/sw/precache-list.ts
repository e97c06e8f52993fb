/**
 * What the service worker keeps for offline use. Null here, and so in dev and
 * in browser tests (nothing to precache, everything from the dev server); the
 * production worker build replaces this module with the built site's files
 * (src/sw/precache-plugin.ts).
 */
export interface PrecacheList {
  /** A hash of the files' names and contents: a new build gets a new cache. */
  version: string;
  /** Root-relative URLs: `/index.html`, `/assets/index-abc123.js`, `/favicon.svg`. */
  files: string[];
}

export const PRECACHE: PrecacheList | null = null;
