/**
 * Request throughput of the engine against what it is built on: MSW's
 * getResponse on the same echo handler, and the fetch Request/Response
 * objects every proxied request creates. The ratio says how much of the
 * cost is the engine's own (routing, headers, trace) rather than MSW's.
 *
 * The three loops run interleaved in short rounds, rotating which goes
 * first, and the figures are medians over rounds: machine drift (thermal,
 * other processes, GC) then hits all three alike, and the ratio is taken
 * per round so that each pair was measured under the same conditions.
 */
import { readFileSync } from 'node:fs';
import { getResponse } from 'msw';
import { echoBackend } from '../src/backends/echo';
import { createMswTransport } from '../src/backends/transport';
import { takeWireResponse } from '../src/backends/wire';
import { bodyText, clientRequest, createProxy, headerValue, VirtualClock } from '../src/engine';
import type { Figure } from './figure';
import { bareLoops, interleave, type Loop } from './interleave';

const FIXTURE = new URL('./fixtures/handle.conf', import.meta.url);
const BACKEND = '127.0.0.1:3001';
const URL_PATH = '/api/x?y=1';

/** The engine in front of one echo backend, and that backend's handlers alone. */
function scenario() {
  const clock = new VirtualClock();
  const handlers = echoBackend(BACKEND, { name: 'app' }, clock);
  const engine = createProxy(readFileSync(FIXTURE, 'utf8'), {
    clock,
    transport: createMswTransport({ handlers: () => handlers }),
    hosts: [],
  });
  const request = () =>
    clientRequest({
      method: 'GET',
      url: `http://example.com${URL_PATH}`,
      headers: { 'User-Agent': 'bench' },
    });
  return { engine, handlers, request };
}

function makeLoops(
  { engine, handlers, request }: ReturnType<typeof scenario>,
  upstreamHeaders: [string, string][],
): Loop[] {
  return [
    {
      name: 'handle',
      batch: async (n) => {
        let sink = 0;
        for (let i = 0; i < n; i++) {
          const result = await engine.handle(request());
          sink += result.response?.status ?? 0;
        }
        return sink;
      },
    },
    ...bareLoops(
      (request) => getResponse(handlers, request),
      takeWireResponse,
      () => `http://${BACKEND}${URL_PATH}`,
      upstreamHeaders,
    ),
    {
      name: 'fetch objects',
      batch: async (n) => {
        let sink = 0;
        for (let i = 0; i < n; i++) {
          // What the transport makes per request: the fetch URL with the wire id, a bare Response.
          const req = new Request(`http://${BACKEND}${URL_PATH}#sandbox-wire=${i}`, {
            method: 'GET',
          });
          const res = new Response(null);
          sink += req.url.length + res.status;
        }
        return sink;
      },
    },
  ];
}

/** Checks the scenario does what it claims (routing, headers, the backend reached) before timing it. */
/** Checks the scenario and returns the headers the backend receives through the proxy. */
async function check({
  engine,
  handlers,
  request,
}: ReturnType<typeof scenario>): Promise<[string, string][]> {
  const result = await engine.handle(request());
  const res = result.response;
  const body = res ? bodyText(res.body) : '';
  const sent = new Set(result.upstreamRequest?.headers.map(([n]) => n.toLowerCase()));
  if (
    res?.status !== 200 ||
    !body.includes('"backend":"app"') ||
    headerValue(res.headers, 'X-Route') !== 'api' ||
    !['host', 'x-real-ip', 'x-forwarded-for', 'x-api'].every((h) => sent.has(h))
  ) {
    throw new Error(`handle bench scenario is broken: ${res?.status} ${body}`);
  }
  const bare = await getResponse(handlers, new Request(`http://${BACKEND}${URL_PATH}`));
  if (!bare || (await takeWireResponse(bare)).status !== 200) {
    throw new Error('bare msw bench scenario is broken');
  }
  return result.upstreamRequest!.headers;
}

export async function handleBench(): Promise<Figure[]> {
  const setup = scenario();
  const upstreamHeaders = await check(setup);
  const { rates, ratio } = await interleave('handle', makeLoops(setup, upstreamHeaders), [
    'handle',
    'msw',
  ]);
  return [
    { name: 'handle() requests/s', value: rates.get('handle')!, unit: 'req/s' },
    {
      name: 'bare getResponse, same request as the backend gets, requests/s',
      value: rates.get('msw')!,
      unit: 'req/s',
    },
    {
      name: 'bare getResponse, no headers, requests/s',
      value: rates.get('msw (no headers)')!,
      unit: 'req/s',
    },
    {
      name: 'new Request + new Response requests/s',
      value: rates.get('fetch objects')!,
      unit: 'req/s',
    },
    // The target compares with the backend doing the same work (the same request and headers);
    // the headerless figure is kept beside it so both readings are visible.
    {
      name: 'handle() / getResponse ratio (same request)',
      value: ratio,
      unit: 'x',
      target: '>= 0.70',
    },
    {
      name: 'handle() / getResponse ratio (no headers)',
      value: rates.get('handle')! / rates.get('msw (no headers)')!,
      unit: 'x',
    },
  ];
}
