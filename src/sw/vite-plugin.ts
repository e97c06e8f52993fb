/**
 * Serves the TypeScript service worker at `/sw.js` in dev and in browser
 * tests, transformed by Vite like any module (so it is registered with
 * `type: 'module'`). Production builds it separately (vite.sw.config.ts).
 */
import type { Plugin } from 'vite';

export const WORKER_ENTRY = '/src/sw/worker.ts';

export function sandboxWorker(): Plugin {
  return {
    name: 'proxy-sandbox:worker',
    // Found only when the worker first loads, msw would make Vite re-optimise and reload the page.
    config: () => ({ optimizeDeps: { include: ['msw'] } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/sw.js') return next();
        server
          .transformRequest(WORKER_ENTRY)
          .then((result) => {
            if (!result) return next(new Error(`Vite could not transform ${WORKER_ENTRY}`));
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.setHeader('Service-Worker-Allowed', '/');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(result.code);
          })
          .catch(next);
      });
    },
  };
}
