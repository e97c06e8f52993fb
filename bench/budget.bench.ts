/**
 * The size and speed budget of a first visit, as a learner gets the site: the
 * production build (app and worker) under `vite preview`, opened in a fresh
 * headless Chromium context, once at the home page and once at the first
 * lesson.
 *
 * Initial JS+CSS is every script and stylesheet the page itself requests
 * until the network has been idle for 500 ms with the page's heading shown:
 * what the learner waits for before reading, counted by the page's own
 * requests so that a chunk fetched on demand counts only if the page asks for
 * it at once. The worker's script and what the worker fetches for itself are
 * not the page's. Sizes are the built files gzipped here (zlib's default
 * level), since `vite preview` serves them uncompressed.
 *
 * Largest contentful paint is the last `largest-contentful-paint` entry the
 * page reports by then, the median over a few cold loads.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright';
import { preview } from 'vite';
import { lessonFiles, readLessonSources } from '../src/course/load-files';
import { loadLessons } from '../src/course/load-lessons';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-chromium';
import { median, progress, type BenchModule, type Figure } from './figure';
import { buildKeepingNodeEnv } from './vite-build';

const PORT = 5197;
/** Cold loads per page for the paint figure. */
const LOADS = 5;
const BUDGET_KB = 100;

declare global {
  interface Window {
    /** The latest largest-contentful-paint time, kept by the bench's init script. */
    budgetLcp?: number;
  }
}

interface Visit {
  /** Path → gzip bytes of each script and stylesheet the page requested. */
  files: Map<string, number>;
  lcpMs: number;
}

/** The site as `npm run build` makes it, in a directory of its own. */
async function buildSite(outDir: string): Promise<void> {
  await buildKeepingNodeEnv({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  await buildKeepingNodeEnv({
    configFile: 'vite.sw.config.ts',
    logLevel: 'error',
    build: { outDir },
  });
}

async function visit(browser: Browser, url: string, outDir: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.budgetLcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.budgetLcp = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const files = new Map<string, number>();
    page.on('request', (request) => {
      const type = request.resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const path = new URL(request.url()).pathname;
      if (path === '/sw.js') return;
      files.set(path, gzipSync(readFileSync(join(outDir, path))).length);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const lcpMs = await page.evaluate(() => window.budgetLcp ?? 0);
    return { files, lcpMs };
  } finally {
    await context.close();
  }
}

async function measure(
  browser: Browser,
  label: string,
  url: string,
  outDir: string,
): Promise<Figure[]> {
  const visits: Visit[] = [];
  for (let i = 0; i < LOADS; i++) visits.push(await visit(browser, url, outDir));
  const files = visits[0]!.files;
  const bytes = [...files.values()].reduce((a, b) => a + b, 0);
  for (const [path, size] of [...files].sort((a, b) => b[1] - a[1]))
    progress(`budget: ${label}: ${path} ${(size / 1000).toFixed(1)} kB gzip`);
  return [
    {
      name: `${label}: initial JS+CSS (gzip)`,
      value: bytes / 1000,
      unit: 'kB',
      target: `<= ${BUDGET_KB}`,
    },
    {
      name: `${label}: largest contentful paint (vite preview, median of ${LOADS})`,
      value: median(visits.map((v) => v.lcpMs)),
      unit: 'ms',
    },
  ];
}

export const budgetBench: BenchModule = async () => {
  const course = loadLessons(readLessonSources(lessonFiles('lessons')));
  const first = course.lessons[0];
  if (!first) throw new Error('budget: the course has no lessons');
  const outDir = mkdtempSync(join(tmpdir(), 'budget-bench-'));
  progress('budget: building the site');
  await buildSite(outDir);
  const server = await preview({
    logLevel: 'error',
    build: { outDir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
  const origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    return [
      ...(await measure(browser, 'home page', `${origin}/#/`, outDir)),
      ...(await measure(browser, 'first lesson', `${origin}/#/lesson/${first.id}`, outDir)),
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
};
