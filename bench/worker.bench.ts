/**
 * The browser part of the bench: one Chromium, two contexts (each with its
 * own root-scoped worker), the Vite dev server serving both pages.
 *  - Round trip of one request through the sandbox worker (the full engine,
 *    tracing on) vs the same echo answer through MSW's setupWorker, whose
 *    handler runs in the page (one extra hop). Measured interleaved, one of
 *    each per round with the order rotating, so drift hits both alike.
 *  - A 1,000-request burst through the sandbox worker: time, and none lost.
 *  - The gzip size of the production worker (dist/sw.js as `npm run build` makes it).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-chromium';
import { median, percentile, progress, type BenchModule, type Figure } from './figure';
import { buildKeepingNodeEnv } from './vite-build';

const WARMUP = 100;
const ROUNDS = 400;
const BURST = 1000;
const BURSTS = 3;

async function openBenchPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.bench || window.benchError, null, { timeout: 30_000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(`${url}: ${error}`);
}

const roundTrip = (page: Page) => page.evaluate(() => window.bench!.roundTrip());

async function workerGzipBytes(): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'sw-bench-'));
  try {
    await buildKeepingNodeEnv({
      configFile: 'vite.sw.config.ts',
      logLevel: 'silent',
      build: { outDir },
    });
    return gzipSync(readFileSync(join(outDir, 'sw.js')), { level: 9 }).length;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export const workerBench: BenchModule = async () => {
  progress('worker: building dist/sw.js for its size');
  const gzipBytes = await workerGzipBytes();
  const server = await createServer({
    logLevel: 'error',
    // No HMR: a reload pushed by the dev server mid-bench would wipe the pages' state.
    server: { port: 5199, host: '127.0.0.1', hmr: false, watch: null },
    // Optimised up front: found on first load, they would make Vite reload the page mid-bench.
    optimizeDeps: { include: ['msw', 'msw/browser'] },
  });
  await server.listen();
  const origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // Separate contexts: two root-scoped workers cannot share one origin's registration.
    const ours = await (await browser.newContext()).newPage();
    const msw = await (await browser.newContext()).newPage();
    progress('worker: opening the bench pages');
    await openBenchPage(ours, `${origin}/bench/worker/ours.html`);
    await openBenchPage(msw, `${origin}/bench/worker/msw.html`);

    progress(`worker: ${ROUNDS} interleaved round trips each`);
    for (let i = 0; i < WARMUP; i++) {
      await roundTrip(ours);
      await roundTrip(msw);
    }
    const oursMs: number[] = [];
    const mswMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        oursMs.push(await roundTrip(ours));
        mswMs.push(await roundTrip(msw));
      } else {
        mswMs.push(await roundTrip(msw));
        oursMs.push(await roundTrip(ours));
      }
    }

    progress(`worker: ${BURSTS} bursts of ${BURST}`);
    const bursts: { ms: number; lost: number }[] = [];
    const inOne: { ms: number; lost: number }[] = [];
    const mswBursts: number[] = [];
    for (let i = 0; i < BURSTS; i++) {
      const r = await ours.evaluate((n) => window.bench!.burst(n), BURST);
      bursts.push({ ms: r.ms, lost: BURST - Math.min(r.ok, r.exchanges) });
      const one = await ours.evaluate((n) => window.bench!.burstInOne!(n), BURST);
      inOne.push({ ms: one.ms, lost: BURST - Math.min(one.ok, one.exchanges) });
      mswBursts.push((await msw.evaluate((n) => window.bench!.burst(n), BURST)).ms);
    }

    const oursMedian = median(oursMs);
    const mswMedian = median(mswMs);
    const oursP95 = percentile(oursMs, 95);
    const mswP95 = percentile(mswMs, 95);
    const figures: Figure[] = [
      { name: 'worker round trip, median', value: oursMedian, unit: 'ms' },
      { name: 'msw setupWorker round trip, median', value: mswMedian, unit: 'ms' },
      {
        name: 'worker / setupWorker, median',
        value: oursMedian / mswMedian,
        unit: 'ratio',
        target: '<= 0.70',
      },
      { name: 'worker round trip, p95', value: oursP95, unit: 'ms' },
      { name: 'msw setupWorker round trip, p95', value: mswP95, unit: 'ms' },
      {
        name: 'worker / setupWorker, p95',
        value: oursP95 / mswP95,
        unit: 'ratio',
        target: '<= 0.75',
      },
      {
        // What the burst panel does: one message carrying the requests, each run through the engine.
        name: `worker burst of ${BURST} (one message), median of ${BURSTS}`,
        value: median(inOne.map((b) => b.ms)),
        unit: 'ms',
        target: '< 1500',
      },
      {
        name: `worker burst of ${BURST} (one fetch each), median of ${BURSTS}`,
        value: median(bursts.map((b) => b.ms)),
        unit: 'ms',
      },
      {
        name: `worker burst of ${BURST}, lost (worst of both)`,
        value: Math.max(...bursts.map((b) => b.lost), ...inOne.map((b) => b.lost)),
        unit: 'requests',
        target: '<= 0',
      },
      { name: `msw setupWorker burst of ${BURST}, median`, value: median(mswBursts), unit: 'ms' },
      { name: 'dist/sw.js gzip', value: gzipBytes / 1024, unit: 'KB', target: '<= 150' },
    ];
    return figures;
  } finally {
    await browser.close();
    await server.close();
  }
};
