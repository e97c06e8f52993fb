/**
 * Builds the production worker's precache list from the app build already in
 * the output folder (`vite build` runs before `vite build --config
 * vite.sw.config.ts`): every file the site serves, hashed into a version, put
 * in place of src/sw/precache-list.ts. A worker built alone (no index.html
 * beside it) precaches nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { PrecacheList } from './precache-list.ts';

const LIST_MODULE = fileURLToPath(new URL('./precache-list.ts', import.meta.url));

/** The worker itself (the browser keeps it), msw's test worker, and build metadata. */
const SKIPPED = /^(sw\.js|mockServiceWorker\.js|_headers|\..*)$/;

export function precacheList(outDir: string): PrecacheList | null {
  if (!existsSync(join(outDir, 'index.html'))) return null;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(outDir);
  files.sort();
  const hash = createHash('sha256');
  const urls = files.map((path) => {
    const url = '/' + relative(outDir, path).split(sep).join('/');
    hash.update(url).update('\0').update(readFileSync(path)).update('\0');
    return url;
  });
  return { version: hash.digest('hex').slice(0, 16), files: urls };
}

export function precache(): Plugin {
  let outDir = 'dist';
  return {
    name: 'proxy-sandbox:precache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    load(id) {
      if (id !== LIST_MODULE) return null;
      return `export const PRECACHE = ${JSON.stringify(precacheList(outDir))};`;
    },
  };
}
