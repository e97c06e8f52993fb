/**
 * The echo app of the conformance format: it answers unknown paths with a
 * JSON description of the request it received, and configured routes with
 * their status, headers and body after an optional delay.
 */
import { http, type HttpHandler } from 'msw';
import type { Clock } from '../engine';
import { bodyText, textEncoder, type HeaderList } from '../http/message';
import type { BackendSpec } from '../scenario';
import { wireRequestOf, wireResponse } from './wire';
import { answer } from './apps/answer';

/** The JSON the echo app sends back: the request as received, header names lower-cased and sorted. */
export function describeRequest(
  name: string,
  wire: {
    method: string;
    target: string;
    httpVersion: string;
    headers: HeaderList;
    body: Uint8Array | null;
  },
): string {
  const headers = new Map<string, string | string[]>();
  for (const [n, v] of wire.headers) {
    const key = n.toLowerCase();
    const value = trimSpaceAndTab(v);
    const prev = headers.get(key);
    headers.set(
      key,
      prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value],
    );
  }
  const sorted: Record<string, string | string[]> = {};
  for (const key of [...headers.keys()].sort()) sorted[key] = headers.get(key)!;
  return JSON.stringify({
    backend: name,
    method: wire.method,
    uri: wire.target,
    httpVersion: wire.httpVersion,
    headers: sorted,
    body: wire.body ? bodyText(wire.body) : '',
  });
}

/** What an HTTP parser reports as a field value: no leading or trailing spaces and tabs. */
function trimSpaceAndTab(v: string): string {
  let start = 0;
  let end = v.length;
  while (start < end && (v[start] === ' ' || v[start] === '\t')) start++;
  while (end > start && (v[end - 1] === ' ' || v[end - 1] === '\t')) end--;
  return start === 0 && end === v.length ? v : v.slice(start, end);
}

/** MSW handlers for one echo backend listening at `address` (`127.0.0.1:3001`). */
export function echoBackend(address: string, spec: BackendSpec, clock: Clock): HttpHandler[] {
  return [
    http.all(`http://${address}/*`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      const q = wire.target.indexOf('?');
      const path = q === -1 ? wire.target : wire.target.slice(0, q);
      const route = spec.routes?.find((r) => r.path === path);
      if (!route) {
        const body = textEncoder.encode(describeRequest(spec.name, wire));
        return wireResponse({
          status: 200,
          headers: [
            ['content-type', 'application/json'],
            ['x-backend', spec.name],
            ['content-length', String(body.length)],
          ],
          body,
        });
      }
      if (route.delayMs) await clock.sleep(route.delayMs, wire.cancellation);
      return answer(spec.name, wire.method, {
        status: route.status,
        headers: Object.entries(route.headers ?? {}),
        body: route.body ?? '',
      });
    }),
  ];
}
