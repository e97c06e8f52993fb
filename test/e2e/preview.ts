/**
 * The production site for end-to-end tests: `npm run build`'s two builds into a
 * temporary folder, `vite preview` serving it on a free port, and Debian's
 * Chromium driven by Playwright, with every request of every context recorded
 * so a test can say that nothing left the site's own origin.
 *
 * The e2e project's global setup ({@link serveSite} in global-setup.ts) builds
 * and serves once per run and hands the origin to each test file, which calls
 * `startPreview({ origin })`; called without an origin (a script, a one-off
 * test), `startPreview` builds and serves by itself and `stop()` removes it all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Request,
} from 'playwright';
import { preview } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../support/find-chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/** The site built for production and served by `vite preview`. */
export interface ServedSite {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Stops the server and removes the build. */
  close(): Promise<void>;
}

/**
 * Builds as `npm run build` does (the app, then the self-contained service
 * worker beside it) into `outDir`. In a child process with NODE_ENV=production:
 * inside Vitest, NODE_ENV is `test`, which Vite would keep and Svelte would
 * read as a development build.
 */
export async function buildSite(outDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  const run = (args: string[]) =>
    promisify(execFile)(
      process.execPath,
      [VITE, ...args, '--outDir', outDir, '--logLevel', 'warn'],
      {
        cwd: ROOT,
        env,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`vite ${args.join(' ')} failed: ${error.stderr || error.message}`);
    });
  await run(['build', '--emptyOutDir']);
  await run(['build', '--config', 'vite.sw.config.ts']);
}

/** Builds into a fresh temporary folder and serves it; the folder goes when the server does. */
export async function serveSite(): Promise<ServedSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'proxy-sandbox-e2e-'));
  const remove = () => rmSync(outDir, { recursive: true, force: true });
  // A run cut short (an error thrown past the teardown, Ctrl-C) still leaves no build behind.
  process.once('exit', remove);
  try {
    await buildSite(outDir);
    const server = await preview({
      root: ROOT,
      logLevel: 'error',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: true, open: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview reported no local URL');
    return {
      origin: url.replace(/\/$/, ''),
      async close() {
        try {
          await server.close();
        } finally {
          remove();
          process.off('exit', remove);
        }
      },
    };
  } catch (error) {
    remove();
    process.off('exit', remove);
    throw error;
  }
}

/** One request a context made, as the network watch keeps it. */
export interface SeenRequest {
  url: string;
  /** `page`, `service worker` or the kind of other worker that made it. */
  from: string;
}

export interface Preview {
  origin: string;
  browser: Browser;
  /** Every request made so far by every context this preview opened, service workers included. */
  requests: SeenRequest[];
  /** The recorded requests that went anywhere but {@link origin}. */
  foreignRequests(): SeenRequest[];
  /** A new context (its own storage and service worker), watched. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context of its own. Page errors fail nothing by themselves; see `errors`. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Uncaught errors in any page, as `url: message`. */
  errors: string[];
  /** Closes the browser and, if this preview built the site, the server and the build. */
  stop(): Promise<void>;
}

/** Whether `url` is the site's own: same origin, or no network at all (`data:`, `about:`). */
export function isOwn(url: string, origin: string): boolean {
  if (/^(data|about):/.test(url)) return true;
  try {
    // A blob: URL's origin is the page's that made it.
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium against the site at `origin`, or against a site built and
 * served for this call when no origin is given.
 */
export async function startPreview(options: { origin?: string } = {}): Promise<Preview> {
  const site = options.origin ? null : await serveSite();
  const origin = options.origin ?? site!.origin;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  } catch (error) {
    await site?.close();
    throw error;
  }
  const requests: SeenRequest[] = [];
  const errors: string[] = [];
  const record = (request: Request) => {
    const worker = request.serviceWorker();
    requests.push({ url: request.url(), from: worker ? 'service worker' : 'page' });
  };

  const newContext = async (contextOptions: BrowserContextOptions = {}) => {
    const context = await browser.newContext(contextOptions);
    // The context sees its pages' requests and, in Chromium, its service workers' too.
    context.on('request', record);
    context.on('page', (page) => {
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      page.on('websocket', (socket) => requests.push({ url: socket.url(), from: 'page' }));
      page.on('worker', (worker) => requests.push({ url: worker.url(), from: 'web worker' }));
    });
    context.on('serviceworker', (worker) =>
      requests.push({ url: worker.url(), from: 'service worker script' }),
    );
    return context;
  };

  return {
    origin,
    browser,
    requests,
    errors,
    foreignRequests: () => requests.filter((r) => !isOwn(r.url, origin)),
    newContext,
    async newPage(contextOptions) {
      const context = await newContext(contextOptions);
      return context.newPage();
    },
    async stop() {
      try {
        await browser.close();
      } finally {
        await site?.close();
      }
    },
  };
}
