/**
 * The entry of the exported `backends.mjs`: the sandbox's own backends
 * (`createBackendTransport`: the apps, their controls and extra headers) put
 * behind real HTTP servers, one per address in backends.json. It is bundled
 * with everything it imports into one Node script with no packages
 * (`vite-plugin.ts`), so an app is defined once and the export cannot drift
 * from the sandbox. Usage: node backends.mjs [backends.json]
 */
import { readFileSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackendTransport } from '../backends';
import type { BackendMap } from '../scenario';
import {
  Cancellation,
  createSystemClock,
  type HeaderList,
  type Transport,
  type UpstreamOutcome,
} from '../engine';

/** The received headers as [name, value] pairs, in order of arrival and as spelt. */
function headerList(req: IncomingMessage): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    out.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  return out;
}

/** The status line and headers of an answer, as written on the wire. */
function head(status: number, headers: HeaderList): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  for (const [n, v] of headers) lines.push(`${n}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Answers one request (its body read) as the sandbox's backends would; a
 * refused connection is a socket closed at once, which fails the same way for
 * nginx. `closed` fires when the client goes: the backend stops waiting.
 */
async function serve(
  transport: Transport,
  address: string,
  req: IncomingMessage,
  body: Buffer,
  write: (outcome: Extract<UpstreamOutcome, { kind: 'response' }>) => void,
): Promise<void> {
  const cancellation = new Cancellation();
  req.socket.once('close', () => cancellation.cancel());
  let outcome: UpstreamOutcome;
  try {
    outcome = await transport(
      {
        address,
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        httpVersion: req.httpVersion === '1.0' ? '1.0' : '1.1',
        headers: headerList(req),
        body: body.length > 0 ? new Uint8Array(body) : null,
      },
      cancellation,
    );
  } catch (error) {
    // A wait cut short by the client leaving has no one to answer.
    if (!cancellation.cancelled) console.error(`${address}: ${String(error)}`);
    req.socket.destroy();
    return;
  }
  if (cancellation.cancelled) return;
  if (outcome.kind === 'refused') req.socket.destroy();
  else write(outcome);
}

function start(transport: Transport, address: string, name: string, app: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void serve(transport, address, req, Buffer.concat(chunks), ({ status, headers, body }) => {
        // The app's headers exactly, repeats and case kept: Node adds only framing.
        res.sendDate = false;
        res.writeHead(status, headers.flat());
        res.end(body);
      });
    });
  });
  // A request with Upgrade (a WebSocket handshake) arrives here, not as a request: the answer is
  // written on the socket itself. A 101 leaves it open, as a WebSocket server would; these apps
  // speak no WebSocket, so nothing more is sent on it.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    void serve(transport, address, req, Buffer.alloc(0), ({ status, headers, body }) => {
      socket.write(head(status, headers));
      if (body.length > 0) socket.write(body);
      if (status !== 101) socket.end();
    });
  });
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(address.slice(colon + 1)), host, () => {
      console.log(`${name} (${app}) listening on ${address}`);
      resolve(server);
    });
  });
}

const here = dirname(fileURLToPath(import.meta.url));
const backends = JSON.parse(
  readFileSync(process.argv[2] ?? join(here, 'backends.json'), 'utf8'),
) as BackendMap;
const transport = createBackendTransport(backends, createSystemClock());
const servers = await Promise.all(
  Object.entries(backends)
    .filter(([address, spec]) => {
      if (spec.down) console.log(`${spec.name} is down: nothing listens on ${address}`);
      return !spec.down;
    })
    .map(([address, spec]) => start(transport, address, spec.name, spec.app ?? 'echo')),
);
console.log('backends ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    process.exit(0);
  });
