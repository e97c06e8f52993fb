// One file configures the app and its tests: browser tests must go through the same Vite
// plugins as the app, and `test.projects` keeps the node and browser suites side by side.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import type { LaunchOptions } from 'playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { courseLessons } from './src/course/vite-plugin.ts';
import { contentSecurityPolicy } from './src/csp/vite-plugin.ts';
import { backendsScript } from './src/export/vite-plugin.ts';
import { sandboxWorker } from './src/sw/vite-plugin.ts';
import { CHROMIUM_ARGS, findChromium } from './test/support/find-chromium.ts';

/**
 * Playwright provider that looks for Chromium only when the browser project starts,
 * so `vitest run --project unit` works on a machine without a browser.
 */
function lazyChromiumProvider() {
  const launchOptions: LaunchOptions = { args: CHROMIUM_ARGS };
  const provider = playwright({ launchOptions });
  return {
    ...provider,
    providerFactory: (project: Parameters<typeof provider.providerFactory>[0]) => {
      launchOptions.executablePath ??= findChromium();
      return provider.providerFactory(project);
    },
  };
}

export default defineConfig({
  plugins: [svelte(), sandboxWorker(), courseLessons(), contentSecurityPolicy(), backendsScript()],
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.browser.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        // The production build in Debian's Chromium, driven from node (test/e2e/preview.ts).
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One Chromium at a time: beside the browser project, more would starve a 2-core machine.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts', 'src/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: lazyChromiumProvider(),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
