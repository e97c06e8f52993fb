/**
 * The `slow` app: every answer comes late (2 s unless the spec or the
 * controls say otherwise; the wait itself is the controls' latency), and
 * `?delay=MS` adds more to one request, for `proxy_read_timeout` lessons.
 */
import { http, type HttpHandler } from 'msw';
import type { Clock } from '../../engine';
import type { BackendSpec } from '../../scenario';
import { wireRequestOf } from '../wire';
import { answerJson } from './answer';
import type { BackendApp } from './app';

function slowHandlers(address: string, spec: BackendSpec, clock: Clock): HttpHandler[] {
  return [
    http.all(`http://${address}/*`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      const extra = Number(new URL(request.url).searchParams.get('delay'));
      if (extra > 0) await clock.sleep(extra, wire.cancellation);
      return answerJson(spec.name, wire.method, 200, {
        backend: spec.name,
        uri: wire.target,
        answeredAtMs: clock.now(),
      });
    }),
  ];
}

export const slowApp: BackendApp = { handlers: slowHandlers, defaults: { latencyMs: 2000 } };
