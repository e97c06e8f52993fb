/**
 * `npm run screenshots`: the pictures in the README (docs/*.png). Starts the
 * Vite dev server, opens the app in a light and a dark Chromium (the page
 * follows the system scheme by default), sends the scenario's request, catches
 * the packet halfway along one hop and photographs the journey panel, then the
 * Inspector, then a 1,000-request burst paused mid-flight. Prefers the round-robin scenario (several backends) when the
 * course has it, else the first.
 */
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { createServer } from 'vite';
import type { Scenario } from '../src/scenario';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-chromium';

const PREFERRED_SCENARIO = 'round-robin';
/** The hop photographed (or the last, in a shorter journey): for round robin, the choice of backend. */
const HOP_SHOWN = 4;
const MAX_BYTES = 300 * 1024;
/** Long enough after a burst is sent for about a hundred packets to be on the map. */
const BURST_SETTLE_MS = 3000;
/** Under the page's 60rem breakpoint: one column, so the Inspector has room to set messages side by side. */
const VIEWPORT = { width: 940, height: 900 };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

async function pickScenario(load: (url: string) => Promise<Record<string, unknown>>) {
  const { SCENARIOS } = (await load('/src/scenario/builtin/index.ts')) as {
    SCENARIOS: readonly Scenario[];
  };
  const scenario = SCENARIOS.find((s) => s.id === PREFERRED_SCENARIO) ?? SCENARIOS[0];
  if (!scenario) throw new Error('src/scenario/builtin/index.ts lists no scenarios');
  if (scenario.id !== PREFERRED_SCENARIO)
    console.log(`no "${PREFERRED_SCENARIO}" scenario; using "${scenario.id}"`);
  return scenario;
}

/** The journey's state as its section reports it (data-journey-state). */
const journeyState = (journey: Locator) => journey.getAttribute('data-journey-state');

/** The callout's "Hop 2 of 7". */
const stepText = (journey: Locator) => journey.getByText(/^Hop \d+ of \d+$/);

/**
 * Steps back to the start (the packet at the client), then forward to hop
 * HOP_SHOWN or the last hop, paused there. Returns the callout's step text.
 */
async function pauseOnHop(journey: Locator): Promise<string> {
  const back = journey.getByRole('button', { name: 'Step back' });
  for (let i = 0; i < 50 && (await journeyState(journey)) !== 'waiting'; i++) await back.click();
  if ((await journeyState(journey)) !== 'waiting')
    throw new Error(`the journey did not return to the start: ${await journeyState(journey)}`);
  const forward = journey.getByRole('button', { name: 'Step forward' });
  let shown = '';
  for (let i = 0; i < HOP_SHOWN; i++) {
    await forward.click();
    shown = (await stepText(journey).textContent()) ?? '';
    const [, hop, of] = /Hop (\d+) of (\d+)/.exec(shown) ?? [];
    if (hop === of) break;
  }
  return shown;
}

async function shoot(target: Locator, name: string): Promise<void> {
  const path = `${DOCS}${name}.png`;
  await target.scrollIntoViewIfNeeded();
  // Animations allowed: the journey's are frozen by hand, mid-hop; fast-forwarding would end them.
  await target.screenshot({ path, caret: 'hide' });
  const bytes = statSync(path).size;
  const size = `${Math.round(bytes / 1024)} KB`;
  if (bytes > MAX_BYTES) throw new Error(`${path} is ${size}, over ${MAX_BYTES / 1024} KB`);
  console.log(`wrote docs/${name}.png (${size})`);
}

/**
 * Plays the chosen hop at the slowest speed and freezes the page's animations
 * halfway, so the packet is on the wire and every run shows the same. The
 * machine's own timer keeps running: a shot taken after it moved on is taken again.
 */
async function shootMidFlight(page: Page, journey: Locator, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const shown = await pauseOnHop(journey);
    await journey.getByLabel('Speed').selectOption('0.25');
    await journey.getByRole('button', { name: 'Play' }).click();
    await page.evaluate(() => {
      for (const animation of document.getAnimations()) {
        animation.pause();
        const duration = Number(animation.effect?.getTiming().duration);
        if (Number.isFinite(duration)) animation.currentTime = duration / 2;
      }
    });
    await shoot(journey, name);
    if ((await stepText(journey).textContent()) === shown) break;
    if (attempt === 3) throw new Error(`the journey kept moving on from "${shown}"`);
  }
}

async function capture(browser: Browser, url: string, scheme: 'light' | 'dark') {
  const context = await browser.newContext({
    colorScheme: scheme,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    const send = page.getByRole('button', { name: 'Send request' });
    await send.waitFor({ timeout: 30_000 });
    await send.click();

    const journey = page.getByRole('region', { name: "The request's journey", exact: true });
    await journey.waitFor();
    await shootMidFlight(page, journey, `journey-${scheme}`);

    // The Inspector's own section sits inside a panel; the panel is the picture.
    const inspector = page.getByRole('region', { name: 'Inspector', exact: true });
    await shoot(inspector.locator('..'), `inspector-${scheme}`);

    // A burst mid-flight: a hundred packets on the map, paused so the picture holds still.
    await page.getByRole('button', { name: '×1,000' }).click();
    const burst = page.getByRole('region', { name: /^A burst of/ });
    await burst.waitFor();
    await burst.getByLabel('Speed').selectOption('1');
    await page.waitForTimeout(BURST_SETTLE_MS);
    await burst.getByRole('button', { name: 'Pause' }).click();
    await shoot(burst, `burst-${scheme}`);
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

const server = await createServer({
  root: ROOT,
  logLevel: 'error',
  // No HMR: a reload pushed mid-run would wipe the journey being photographed.
  server: { port: 5198, host: '127.0.0.1', hmr: false, watch: null },
});
let browser: Browser | null = null;
try {
  await server.listen();
  const origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const scenario = await pickScenario((url) => server.ssrLoadModule(url));
  mkdirSync(DOCS, { recursive: true });
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  for (const scheme of ['light', 'dark'] as const)
    await capture(browser, `${origin}/#scenario=${encodeURIComponent(scenario.id)}`, scheme);
} finally {
  await browser?.close();
  await server.close();
}
