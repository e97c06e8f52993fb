// Finds the Chromium that browser tests drive. Nothing here downloads a browser.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Launch flags that work on this machine kind (no sandbox as root, no GPU,
 * and nothing that phones home on a closed network). Shared by the test
 * browser and the browser benchmark.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
] as const;

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found. Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) ' +
  'or set CHROMIUM_PATH=/path/to/chrome.';

/**
 * Returns the Chromium executable to launch: `CHROMIUM_PATH`, else the first system
 * install in {@link SYSTEM_CHROMIUM_PATHS}, else a browser Playwright installed itself.
 * Throws with install instructions when there is none.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUM_PATHS,
): string {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    // A wrong CHROMIUM_PATH is a mistake to report, not a reason to pick another browser.
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${NO_CHROMIUM_MESSAGE}`);
    }
    return fromEnv;
  }
  const found = systemPaths.find((path) => existsSync(path)) ?? playwrightChromium();
  if (!found) throw new Error(NO_CHROMIUM_MESSAGE);
  return found;
}

function playwrightChromium(): string | undefined {
  // Loaded only here, so a machine with a system Chromium never pays for loading Playwright.
  const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright');
  const path = chromium.executablePath();
  return existsSync(path) ? path : undefined;
}
