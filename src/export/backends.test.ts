/**
 * backends.mjs against the sandbox's own backends: the same requests get the
 * same status, headers and body from the exported Node script (over real
 * HTTP/1.0, as nginx sends them) as from the MSW handlers the engine uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendsFor } from '../backends/test-support';
import { bodyText, type HeaderList } from '../http/message';
import type { BackendMap } from '../scenario';
import { freePort } from '../../test/export/real-nginx';
import { exportScenario } from './export-scenario';
import { writeExport } from './write-export';

interface Raw {
  status: number | 'refused';
  headers: HeaderList;
  body: string;
}

/** Transport details Node adds that the sandbox has no notion of. */
const FRAMING = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

/** One HTTP/1.0 request on a fresh connection, read to the end. */
function rawRequest(
  address: string,
  method: string,
  target: string,
  headers: HeaderList,
  body?: string,
): Promise<Raw> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET')
        resolve({ status: 'refused', headers: [], body: '' });
      else reject(error);
    });
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      if (text === '') return resolve({ status: 'refused', headers: [], body: '' });
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: lines
          .map((l): [string, string] => [
            l.slice(0, l.indexOf(':')).toLowerCase(),
            l.slice(l.indexOf(':') + 1).trim(),
          ])
          .filter(([n]) => !FRAMING.has(n)),
        body: Buffer.from(text.slice(split + 4), 'latin1').toString('utf8'),
      });
    });
    const lines = [`${method} ${target} HTTP/1.0`, ...headers.map(([n, v]) => `${n}: ${v}`)];
    // Written, not ended: like nginx, the client keeps its side open until the answer is complete.
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
  });
}

const ports: number[] = [];
let backends: BackendMap = {};
let dir = '';
let child: ChildProcess | null = null;
let sandboxBackends: ReturnType<typeof backendsFor> | undefined;
const addr = (i: number) => `127.0.0.1:${ports[i]}`;

beforeAll(async () => {
  for (let i = 0; i < 9; i++) ports.push(await freePort());
  backends = {
    [addr(0)]: {
      name: 'echo-a',
      routes: [
        { path: '/fixed', status: 418, headers: { 'Cache-Control': 'max-age=5' }, body: 'teapot' },
        { path: '/late', body: 'late', delayMs: 200 },
      ],
    },
    [addr(1)]: { name: 'site-a', app: 'site' },
    [addr(2)]: { name: 'api-a', app: 'api' },
    [addr(3)]: { name: 'cache-a', app: 'caching' },
    [addr(4)]: { name: 'shaky', app: 'flaky' },
    [addr(5)]: { name: 'gone', down: true },
    [addr(6)]: { name: 'lazy', app: 'slow', latencyMs: 100 },
    [addr(7)]: { name: 'shaky-too', app: 'flaky' },
    [addr(8)]: { name: 'tagged', app: 'api', headers: { 'X-Served-By': 'tagged' } },
  };
  dir = mkdtempSync(join(tmpdir(), 'export-backends-'));
  writeExport(
    dir,
    exportScenario({ title: 't', config: 'events {}\nhttp {}\n', backends }, { name: 't' }),
  );
  const started = spawn(process.execPath, [join(dir, 'backends.mjs')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    started.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('backends ready')) resolve();
    });
    started.stderr?.on('data', (d) => (out += d));
    started.once('exit', () => reject(new Error(`backends.mjs exited: ${out}`)));
  });
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function both(
  i: number,
  target: string,
  init: { method?: string; headers?: HeaderList; body?: string } = {},
) {
  // One sandbox for the whole file, as one backends.mjs: counters and failure generators move together.
  sandboxBackends ??= backendsFor(backends);
  const { send } = sandboxBackends;
  const length: HeaderList =
    init.body === undefined ? [] : [['Content-Length', String(Buffer.byteLength(init.body))]];
  const sent = { ...init, headers: [...(init.headers ?? []), ...length] };
  const headers: HeaderList = [['Host', 'example.com'], ...sent.headers];
  const real = await rawRequest(addr(i), init.method ?? 'GET', target, headers, init.body);
  const out = await send(`${addr(i)}${target}`, sent);
  const sandbox: Raw =
    out.kind === 'response'
      ? {
          status: out.status,
          headers: out.headers.map(([n, v]): [string, string] => [n.toLowerCase(), v]),
          body: bodyText(out.body),
        }
      : { status: 'refused', headers: [], body: '' };
  return { real, sandbox };
}

describe('backends.mjs answers like the sandbox', () => {
  it.each([
    [0, '/any/path?x=1', {}],
    [0, '/fixed', {}],
    [0, '/fixed', { method: 'HEAD' }],
    [0, '/late', {}],
    [
      0,
      '/post',
      {
        method: 'POST',
        headers: [
          ['X-Twice', 'a'],
          ['x-twice', 'b'],
        ] as HeaderList,
        body: 'héllo',
      },
    ],
    [1, '/', {}],
    [1, '/img/dot.png', {}],
    [1, '/missing', {}],
    [1, '/index.html', { method: 'POST' }],
    [2, '/api/users/2', { headers: [['X-Forwarded-For', '10.0.0.7']] as HeaderList }],
    [2, '/api/users', { method: 'POST', body: '{"name":"Radia Perlman"}' }],
    [2, '/api/users', { method: 'POST', body: 'nope' }],
    [2, '/nothing', {}],
    [3, '/', {}],
    [3, '/max-age', {}],
    [3, '/etag', {}],
    [3, '/nothing', {}],
    [4, '/fail/502', {}],
    [4, '/refuse', {}],
    [5, '/', {}],
    [8, '/api/health', {}],
  ])('backend %i: %s %o', async (i, target, init) => {
    const { real, sandbox } = await both(i, target, init);
    expect(real).toEqual(sandbox);
  });

  it('answers 304 to the validators the sandbox sends', async () => {
    const { real } = await both(1, '/style.css');
    const etag = real.headers.find(([n]) => n === 'etag')![1];
    const again = await both(1, '/style.css', { headers: [['If-None-Match', etag]] });
    expect(again.real.status).toBe(304);
    expect(again.real).toEqual(again.sandbox);
  });

  it('fails the same requests as the sandbox when failing at a rate', async () => {
    const { send } = backendsFor(backends);
    const sandbox: (number | 'refused')[] = [];
    const real: (number | 'refused')[] = [];
    for (let n = 0; n < 20; n++) {
      const out = await send(`${addr(7)}/`);
      sandbox.push(out.kind === 'response' ? out.status : 'refused');
      real.push((await rawRequest(addr(7), 'GET', '/', [['Host', 'example.com']])).status);
    }
    expect(real).toEqual(sandbox);
    expect(new Set(real)).toEqual(new Set([200, 503]));
  });

  it('waits its latency before answering', async () => {
    const started = Date.now();
    const answer = await rawRequest(addr(6), 'GET', '/?delay=100', [['Host', 'example.com']]);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(JSON.parse(answer.body)).toMatchObject({ backend: 'lazy', uri: '/?delay=100' });
  });
});
