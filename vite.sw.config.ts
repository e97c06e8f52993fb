// The production service worker: one self-contained classic script at dist/sw.js. Built apart
// from the app because a shared chunk split out of the app build would load before the
// worker's own set-up (its localStorage stand-in) and registration would fail.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precache } from './src/sw/precache-plugin.ts';

export default defineConfig({
  publicDir: false,
  // The app build is already in the output folder: its files become the offline cache's list.
  plugins: [precache()],
  // The public-suffix list inside msw's cookie library is most of the worker's weight and
  // tells nothing about the sandbox's hosts; see src/sw/registrable-domain.ts.
  resolve: {
    alias: [
      {
        find: /^tldts$/,
        replacement: fileURLToPath(new URL('./src/sw/registrable-domain.ts', import.meta.url)),
      },
    ],
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/sw/worker.ts',
      formats: ['iife'],
      name: 'proxySandboxWorker',
      fileName: () => 'sw.js',
    },
  },
});
