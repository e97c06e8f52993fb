/**
 * The `flaky` app: half its answers are 503 unless the spec or the controls
 * say otherwise (the failures themselves come from the controls' seeded
 * generator), `/fail/STATUS` fails on demand, `/refuse` refuses the
 * connection, and everything else is a small JSON success.
 */
import { http, passthrough, type HttpHandler } from 'msw';
import type { BackendSpec } from '../../scenario';
import { wireRequestOf } from '../wire';
import { answerJson } from './answer';
import type { BackendApp } from './app';

function flakyHandlers(address: string, spec: BackendSpec): HttpHandler[] {
  return [
    // In the sandbox there is no network to pass through to: the transport reports a refused connection.
    http.all(`http://${address}/refuse`, () => passthrough()),
    http.all(`http://${address}/fail/:status`, async ({ request, params }) => {
      const wire = await wireRequestOf(request);
      const status = Number(params['status']);
      const valid = Number.isInteger(status) && status >= 200 && status <= 599;
      return answerJson(spec.name, wire.method, valid ? status : 400, {
        backend: spec.name,
        error: valid ? `failing on demand with ${status}` : 'STATUS must be 200..599',
      });
    }),
    http.all(`http://${address}/*`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      return answerJson(spec.name, wire.method, 200, {
        backend: spec.name,
        ok: true,
        uri: wire.target,
      });
    }),
  ];
}

export const flakyApp: BackendApp = {
  handlers: flakyHandlers,
  defaults: { failRate: 0.5, failStatus: 503 },
};
