import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { precacheList } from './precache-plugin';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'precache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

test('lists every file the site serves, but not the worker, msw or build metadata', () => {
  write('index.html', '<!doctype html>');
  write('assets/index-abc.js', 'js');
  write('assets/lesson-def.js', 'js');
  write('assets/index-abc.css', 'css');
  write('favicon.svg', '<svg/>');
  write('sw.js', 'old worker');
  write('mockServiceWorker.js', 'msw');
  write('.vite/manifest.json', '{}');
  expect(precacheList(dir)?.files).toEqual([
    '/assets/index-abc.css',
    '/assets/index-abc.js',
    '/assets/lesson-def.js',
    '/favicon.svg',
    '/index.html',
  ]);
});

test('a new build, even one with the same file names, gets a new version', () => {
  write('index.html', 'one');
  const first = precacheList(dir)!.version;
  expect(precacheList(dir)!.version).toBe(first);
  write('index.html', 'two');
  expect(precacheList(dir)!.version).not.toBe(first);
});

test('a worker built without the app beside it precaches nothing', () => {
  write('sw.js', 'worker');
  expect(precacheList(dir)).toBeNull();
});
