/**
 * Memory over a long session: the whole Sandbox (production build, proxy in
 * the page) sent forty bursts of ×1,000 by its button, one after another as
 * a learner would, with the page's heap measured after garbage collection
 * at 0, 10, 20 and 40 bursts. A sandbox that keeps every exchange grows by
 * megabytes a burst; one that keeps a window of recent ones stays flat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { preview } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-chromium';
import { progress, type BenchModule, type Figure } from './figure';
import { buildKeepingNodeEnv } from './vite-build';

const BURSTS = 40;
const MEASURE_AT = new Set([0, 10, 20, 40]);
/** Growth allowed from 10 to 40 bursts: what a window of recent exchanges and one burst may wobble by. */
const FLAT_MB = 5;

async function heapAfterGcMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  // Twice: the first pass can leave garbage that only finalisers made collectable.
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize / 2 ** 20;
}

/** One ×1,000 burst through the button, answered, its animation skipped to the end. */
async function burst(page: Page): Promise<void> {
  const thousand = page.getByRole('button', { name: '×1,000' });
  await thousand.click();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('button')].some(
        (b) => b.textContent?.trim() === '×1,000' && !b.disabled,
      ),
    undefined,
    { timeout: 60_000 },
  );
  const skip = page.getByRole('button', { name: 'Skip to the end' });
  if (await skip.isVisible().catch(() => false)) await skip.click();
}

export const heapBench: BenchModule = async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'heap-bench-'));
  progress('heap: building the sandbox page');
  await buildKeepingNodeEnv({
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { sandbox: 'bench/frames/sandbox.html' } },
    },
  });
  const server = await preview({
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${origin}/bench/frames/sandbox.html?runtime=page`);
    await page.getByRole('button', { name: '×1,000' }).waitFor({ timeout: 30_000 });
    const heap: Figure[] = [];
    const at = new Map<number, number>();
    for (let done = 0; done <= BURSTS; done++) {
      if (done > 0) await burst(page);
      if (!MEASURE_AT.has(done)) continue;
      const mb = await heapAfterGcMb(page);
      at.set(done, mb);
      progress(`heap: ${done} bursts of ×1,000 → ${mb.toFixed(1)} MB`);
      heap.push({
        name: `heap: page heap after GC, ${done} bursts of ×1,000`,
        value: mb,
        unit: 'MB',
      });
    }
    heap.push({
      name: 'heap: growth from 10 to 40 bursts of ×1,000',
      value: at.get(40)! - at.get(10)!,
      unit: 'MB',
      target: `<= ${FLAT_MB}`,
    });
    return heap;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
};
