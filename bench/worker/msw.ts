// Bench page: the same echo answer through MSW's standard setupWorker, its handler in the page.
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { describeRequest } from '../../src/backends';
import { REQUEST } from './scenario';

const URL = '/msw-bench/api/items?page=2';

try {
  const worker = setupWorker(
    http.get('/msw-bench/*', async ({ request }) => {
      const url = new globalThis.URL(request.url);
      const headers: [string, string][] = [];
      request.headers.forEach((v, n) => headers.push([n, v]));
      const body = describeRequest('app-a', {
        method: request.method,
        target: url.pathname + url.search,
        httpVersion: '1.1',
        headers,
        body: null,
      });
      return HttpResponse.text(body, {
        headers: { 'content-type': 'application/json', 'x-backend': 'app-a' },
      });
    }),
  );
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const init = { headers: Object.fromEntries(REQUEST.headers) };
  window.bench = {
    async roundTrip() {
      const start = performance.now();
      const response = await fetch(URL, init);
      await response.text();
      const ms = performance.now() - start;
      if (response.status !== 200) throw new Error('msw did not answer 200');
      return ms;
    },
    async burst(n) {
      const start = performance.now();
      const all = await Promise.all(
        Array.from({ length: n }, async () => {
          const response = await fetch(URL, init);
          await response.text();
          return response.status;
        }),
      );
      const ms = performance.now() - start;
      const ok = all.filter((s) => s === 200).length;
      return { ms, ok, exchanges: ok };
    },
  };
} catch (error) {
  window.benchError = String(error);
}
