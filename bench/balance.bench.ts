/**
 * Round robin over three echo backends through the whole engine, against
 * the bare cost of the stack underneath (MSW's getResponse on the same
 * handlers, for the same request the backends receive), measured
 * interleaved in the same run.
 */
import { getResponse } from 'msw';
import { echoBackend } from '../src/backends/echo';
import { createMswTransport } from '../src/backends/transport';
import { takeWireResponse } from '../src/backends/wire';
import { clientRequest, createProxy, headerValue, VirtualClock } from '../src/engine';
import type { Figure } from './figure';
import { bareLoops, interleave } from './interleave';

const ADDRESSES = ['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003'];

const CONFIG = `events {}
http {
  upstream app {
    server ${ADDRESSES[0]};
    server ${ADDRESSES[1]};
    server ${ADDRESSES[2]};
  }
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://app;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;

export async function balanceBench(): Promise<Figure[]> {
  const clock = new VirtualClock();
  const handlers = ADDRESSES.flatMap((a, i) => echoBackend(a, { name: `app-${i}` }, clock));
  const engine = createProxy(CONFIG, {
    clock,
    transport: createMswTransport({ handlers: () => handlers }),
  });
  const request = () =>
    clientRequest({ url: 'http://example.com/items?page=2', headers: { 'User-Agent': 'bench' } });

  // The scenario must really rotate over the three backends before it is timed.
  const seen: string[] = [];
  let upstreamHeaders: [string, string][] = [];
  for (let i = 0; i < 3; i++) {
    const result = await engine.handle(request());
    seen.push(headerValue(result.response!.headers, 'x-backend') ?? '');
    upstreamHeaders = result.upstreamRequest!.headers;
  }
  if (new Set(seen).size !== 3)
    throw new Error(`round robin bench scenario is broken: ${seen.join(', ')}`);

  let next = 0;
  const { rates, ratio } = await interleave(
    'round robin',
    [
      {
        name: 'handle',
        batch: async (n) => {
          let sink = 0;
          for (let i = 0; i < n; i++) sink += (await engine.handle(request())).response!.status;
          return sink;
        },
      },
      ...bareLoops(
        (req) => getResponse(handlers, req),
        takeWireResponse,
        () => `http://${ADDRESSES[next++ % ADDRESSES.length]!}/items?page=2`,
        upstreamHeaders,
      ),
    ],
    ['handle', 'msw'],
  );
  return [
    { name: 'round robin x3 handle() requests/s', value: rates.get('handle')!, unit: 'req/s' },
    {
      name: 'round robin x3 bare getResponse (same request) requests/s',
      value: rates.get('msw')!,
      unit: 'req/s',
    },
    {
      name: 'round robin x3 bare getResponse (no headers) requests/s',
      value: rates.get('msw (no headers)')!,
      unit: 'req/s',
    },
    {
      name: 'round robin x3 / getResponse ratio (same request)',
      value: ratio,
      unit: 'x',
      target: '>= 0.70',
    },
    {
      name: 'round robin x3 / getResponse ratio (no headers)',
      value: rates.get('handle')! / rates.get('msw (no headers)')!,
      unit: 'x',
    },
  ];
}
