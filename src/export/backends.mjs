#!/usr/bin/env node
// The sandbox's mock backends as real HTTP servers, for an exported scenario: one server per
// address in backends.json, answering like the sandbox's apps (echo, site, api, slow, flaky,
// caching). Node 20 or later, no packages. Usage: node backends.mjs [backends.json]
// Ported from src/backends/ of Proxy Sandbox: keep the two in step.

import { readFileSync } from 'node:fs';
import { createServer, STATUS_CODES } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

/** @typedef {import('node:http').IncomingMessage} Req */
/**
 * Where an answer goes: Node's response, or the raw socket of an Upgrade request.
 * @typedef {{ writeHead: (status: number, headers: string[]) => unknown, end: (body?: Buffer) => unknown,
 *   on: (event: 'close', listener: () => void) => unknown }} Res
 */
/** @typedef {[string, string][]} Headers */
/** @typedef {{ status?: number, headers?: Headers, body?: string | Buffer }} Answer */
/** @typedef {{ after: (ms: number, fn: () => void) => void, refuse: () => void }} Context */
/** @typedef {(req: Req, res: Res, body: Buffer, ctx: Context) => void} Handler */
/**
 * @typedef {{ path: string, status?: number, headers?: Record<string, string>, body?: string, delayMs?: number }} Route
 * @typedef {{ name: string, app?: string, down?: boolean, routes?: Route[], latencyMs?: number,
 *   failRate?: number, failStatus?: number | 'refused', seed?: number }} Spec
 */

const here = dirname(fileURLToPath(import.meta.url));
const specFile = process.argv[2] ?? join(here, 'backends.json');
/** @type {Record<string, Spec>} */
const backends = JSON.parse(readFileSync(specFile, 'utf8'));
const startedAt = Date.now();

/** What an app does without a spec saying otherwise (src/backends/apps/*.ts `defaults`). */
/** @type {Record<string, { latencyMs?: number, failRate?: number, failStatus?: number }>} */
const APP_DEFAULTS = {
  slow: { latencyMs: 2000 },
  flaky: { failRate: 0.5, failStatus: 503 },
};

/**
 * The answer every app sends: its headers, then x-backend and content-length; no body for HEAD.
 * @param {Res} res @param {string} name @param {string | undefined} method @param {Answer} a
 */
function answer(res, name, method, { status = 200, headers = [], body = '' }) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  /** @type {string[]} */
  const flat = [];
  /** @type {Headers} */
  const all = [...headers, ['x-backend', name], ['content-length', String(bytes.length)]];
  for (const [n, v] of all) flat.push(n, v);
  res.writeHead(status, flat);
  res.end(method === 'HEAD' ? undefined : bytes);
}

/**
 * A JSON answer, indented so it reads well.
 * @param {Res} res @param {string} name @param {string | undefined} method @param {number} status
 * @param {unknown} value @param {Headers} [headers]
 */
function answerJson(res, name, method, status, value, headers = []) {
  answer(res, name, method, {
    status,
    headers: [['content-type', 'application/json'], ...headers],
    body: JSON.stringify(value, null, 2) + '\n',
  });
}

/**
 * The received headers as [name, value] pairs, in order of arrival.
 * @param {Req} req @returns {Headers}
 */
function headerList(req) {
  /** @type {Headers} */
  const out = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    out.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  return out;
}

/** @param {Headers} headers @param {string} name */
function headerValue(headers, name) {
  const found = headers.find(([n]) => n.toLowerCase() === name);
  return found ? found[1] : undefined;
}

/**
 * The echo format's description of a request: header names lower-cased and sorted, repeats as arrays.
 * @param {string} name @param {Req} req @param {Buffer} body
 */
function describeRequest(name, req, body) {
  /** @type {Map<string, string | string[]>} */
  const headers = new Map();
  for (const [n, v] of headerList(req)) {
    const key = n.toLowerCase();
    const prev = headers.get(key);
    headers.set(key, prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]);
  }
  /** @type {Record<string, string | string[] | undefined>} */
  const sorted = {};
  for (const key of [...headers.keys()].sort()) sorted[key] = headers.get(key);
  return JSON.stringify({
    backend: name,
    method: req.method,
    uri: req.url,
    httpVersion: req.httpVersion,
    headers: sorted,
    body: body.toString('utf8'),
  });
}

/** A strong ETag from the bytes, as the sandbox makes it. @param {Buffer} bytes */
const etagOf = (bytes) => `"${crc32(bytes).toString(16)}-${bytes.length.toString(16)}"`;

/**
 * nginx's If-None-Match / If-Modified-Since rule (`if_modified_since before`): is the client's copy current?
 * @param {Headers} headers @param {number} mtime seconds since 1970 @param {string} etag
 */
function isNotModified(headers, mtime, etag) {
  const ims = headerValue(headers, 'if-modified-since');
  const inm = headerValue(headers, 'if-none-match');
  if (ims === undefined && inm === undefined) return false;
  if (ims !== undefined) {
    const t = Date.parse(ims);
    const seconds = Number.isNaN(t) ? -1 : t / 1000;
    if (seconds !== mtime && seconds < mtime) return false;
  }
  if (inm !== undefined && inm.trim() !== '*') {
    const own = etag.startsWith('W/') ? etag.slice(2) : etag;
    const tags = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (!tags.includes(own)) return false;
  }
  return true;
}

/** @param {string | undefined} url */
const pathOf = (url) => (url ?? '/').split('?')[0] ?? '/';
/** @param {number} ms */
const httpDate = (ms) => new Date(ms).toUTCString();

/** Each app: its handler for one backend's spec. @type {Record<string, (spec: Spec) => Handler>} */
const APPS = {
  echo(spec) {
    return (req, res, body, ctx) => {
      const route = (spec.routes ?? []).find((r) => r.path === pathOf(req.url));
      if (!route) {
        const bytes = Buffer.from(describeRequest(spec.name, req, body), 'utf8');
        return answer(res, spec.name, req.method, {
          headers: [['content-type', 'application/json']],
          body: bytes,
        });
      }
      ctx.after(route.delayMs ?? 0, () =>
        answer(res, spec.name, req.method, {
          status: route.status,
          headers: Object.entries(route.headers ?? {}),
          body: route.body ?? '',
        }),
      );
    };
  },

  api(spec) {
    const USERS = [
      { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 2, name: 'Grace Hopper', email: 'grace@example.com' },
      { id: 3, name: 'Margaret Hamilton', email: 'margaret@example.com' },
    ];
    return (req, res, body) => {
      const headers = headerList(req);
      const seen = {
        host: headerValue(headers, 'host') ?? null,
        'x-forwarded-for': headerValue(headers, 'x-forwarded-for') ?? null,
        'x-real-ip': headerValue(headers, 'x-real-ip') ?? null,
      };
      /** @param {number} status @param {object} data @param {Headers} [extra] */
      const reply = (status, data, extra = []) =>
        answerJson(res, spec.name, req.method, status, { backend: spec.name, ...data, seen }, [
          ['cache-control', 'no-store'],
          ...extra,
        ]);
      const path = pathOf(req.url);
      const user = /^\/api\/users\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && path === '/api/health') return reply(200, { status: 'ok' });
      if (req.method === 'GET' && path === '/api/users') return reply(200, { users: USERS });
      if (req.method === 'POST' && path === '/api/users') {
        let fields;
        try {
          fields = JSON.parse(body.toString('utf8'));
        } catch {
          fields = null;
        }
        if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
          return reply(400, { error: 'the body must be a JSON object' });
        const created = { ...fields, id: USERS.length + 1 };
        return reply(201, { created }, [['location', `/api/users/${created.id}`]]);
      }
      if (req.method === 'GET' && user) {
        const found = USERS.find((u) => String(u.id) === user[1]);
        if (found) return reply(200, { user: found });
      }
      reply(404, { error: 'not found', method: req.method, uri: req.url });
    };
  },

  slow(spec) {
    return (req, res, _body, ctx) => {
      const extra = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delay'));
      ctx.after(extra > 0 ? extra : 0, () =>
        answerJson(res, spec.name, req.method, 200, {
          backend: spec.name,
          uri: req.url,
          answeredAtMs: Date.now() - startedAt,
        }),
      );
    };
  },

  flaky(spec) {
    return (req, res, _body, ctx) => {
      const path = pathOf(req.url);
      if (path === '/refuse') return ctx.refuse();
      const fail = /^\/fail\/([^/]+)$/.exec(path);
      if (fail) {
        const status = Number(fail[1]);
        const valid = Number.isInteger(status) && status >= 200 && status <= 599;
        return answerJson(res, spec.name, req.method, valid ? status : 400, {
          backend: spec.name,
          error: valid ? `failing on demand with ${status}` : 'STATUS must be 200..599',
        });
      }
      answerJson(res, spec.name, req.method, 200, { backend: spec.name, ok: true, uri: req.url });
    };
  },

  caching(spec) {
    const MODIFIED = Date.UTC(2025, 11, 1, 9, 0, 0) / 1000;
    /** @type {Record<string, [string, (now: number, count: number) => Headers, boolean?]>} */
    const PATHS = {
      '/max-age': ['fresh for 60 seconds', () => [['cache-control', 'max-age=60']]],
      '/public': [
        'any cache may keep it for 5 minutes',
        () => [['cache-control', 'public, max-age=300']],
      ],
      '/private': [
        'only the browser may keep it (nginx does not cache it)',
        () => [['cache-control', 'private, max-age=60']],
      ],
      '/no-cache': [
        'may be stored but must be revalidated each time (nginx does not cache it)',
        () => [['cache-control', 'no-cache']],
      ],
      '/no-store': ['must never be stored', () => [['cache-control', 'no-store']]],
      '/expires': [
        'an Expires date 60 seconds ahead, no Cache-Control',
        (now) => [['expires', httpDate(now + 60_000)]],
      ],
      '/expired': ['an Expires date in the past: stale at once', () => [['expires', httpDate(0)]]],
      '/x-accel-expires': [
        'X-Accel-Expires (for nginx only) says 30 seconds, Cache-Control says no-cache',
        () => [
          ['x-accel-expires', '30'],
          ['cache-control', 'no-cache'],
        ],
      ],
      '/set-cookie': [
        'cacheable by its Cache-Control, but sets a cookie (nginx does not cache it)',
        (_now, count) => [
          ['cache-control', 'max-age=60'],
          ['set-cookie', `session=${spec.name}-${count}; Path=/; HttpOnly`],
        ],
      ],
      '/vary': [
        'a separate cached copy per Accept-Encoding',
        () => [
          ['cache-control', 'max-age=60'],
          ['vary', 'Accept-Encoding'],
        ],
      ],
      '/etag': [
        'revalidate every time; an If-None-Match with the ETag gets 304',
        () => [['cache-control', 'no-cache']],
        true,
      ],
      '/last-modified': [
        'fresh for 10 seconds, then an If-Modified-Since gets 304',
        () => [
          ['cache-control', 'max-age=10'],
          ['last-modified', httpDate(MODIFIED * 1000)],
        ],
        true,
      ],
    };
    /** @type {Map<string, number>} */
    const counts = new Map();
    return (req, res) => {
      const path = pathOf(req.url);
      if (path === '/') {
        const paths = Object.fromEntries(Object.entries(PATHS).map(([p, [about]]) => [p, about]));
        return answerJson(res, spec.name, req.method, 200, { backend: spec.name, paths });
      }
      const entry = PATHS[path];
      if (!entry)
        return answerJson(res, spec.name, req.method, 404, {
          backend: spec.name,
          error: 'not found',
        });
      const [about, headersAt, validated] = entry;
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const headers = headersAt(Date.now(), count);
      if (!validated)
        return answerJson(
          res,
          spec.name,
          req.method,
          200,
          { backend: spec.name, path, about, answered: count },
          headers,
        );
      const bytes = Buffer.from(
        JSON.stringify({ backend: spec.name, path, about }, null, 2) + '\n',
        'utf8',
      );
      const etag = etagOf(bytes);
      /** @type {Headers} */
      const validators = [...headers, ['etag', etag]];
      if (isNotModified(headerList(req), MODIFIED, etag))
        return answer(res, spec.name, req.method, { status: 304, headers: validators });
      answer(res, spec.name, req.method, {
        headers: [['content-type', 'application/json'], ...validators],
        body: bytes,
      });
    };
  },

  site(spec) {
    const site = JSON.parse(readFileSync(join(here, 'site-files.json'), 'utf8'));
    const lastModified = httpDate(site.modified * 1000);
    /** @type {Map<string, { bytes: Buffer, etag: string, headers: Headers }>} */
    const served = new Map();
    /** @type {[string, { contentType: string, kind: string, text?: string, base64?: string }][]} */
    const files = Object.entries(site.files);
    for (const [path, file] of files) {
      const bytes =
        file.base64 !== undefined
          ? Buffer.from(file.base64, 'base64')
          : Buffer.from((file.text ?? '').replaceAll('{{backend}}', spec.name), 'utf8');
      const etag = etagOf(bytes);
      served.set(path, {
        bytes,
        etag,
        headers: [
          ['content-type', file.contentType],
          ['cache-control', file.kind === 'page' ? 'no-cache' : 'public, max-age=3600'],
          ['last-modified', lastModified],
          ['etag', etag],
        ],
      });
    }
    const notFound = site.notFound.replaceAll('{{backend}}', spec.name);
    return (req, res) => {
      const path = pathOf(req.url);
      const file = served.get(path.endsWith('/') ? `${path}index.html` : path);
      if (!file)
        return answer(res, spec.name, req.method, {
          status: 404,
          headers: [['content-type', 'text/html; charset=utf-8']],
          body: notFound,
        });
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return answer(res, spec.name, req.method, {
          status: 405,
          headers: [
            ['content-type', 'text/plain'],
            ['allow', 'GET, HEAD'],
          ],
          body: `${spec.name}: ${req.method} is not allowed on a static page\n`,
        });
      if (isNotModified(headerList(req), site.modified, file.etag))
        return answer(res, spec.name, req.method, {
          status: 304,
          headers: file.headers.filter(([n]) => n !== 'content-type'),
        });
      answer(res, spec.name, req.method, { headers: file.headers, body: file.bytes });
    };
  },
};

/** The sandbox's generator (mulberry32), seeded alike, so the same requests fail. @param {number} seed */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** @param {string} address @param {Spec} spec @returns {Promise<import('node:http').Server>} */
function start(address, spec) {
  const app = spec.app ?? 'echo';
  const make = APPS[app];
  if (!make) throw new Error(`${spec.name}: no app "${app}"`);
  const handle = make(spec);
  const defaults = APP_DEFAULTS[app] ?? {};
  const latencyMs = spec.latencyMs ?? defaults.latencyMs ?? 0;
  const failRate = spec.failRate ?? defaults.failRate ?? 0;
  const failStatus = spec.failStatus ?? defaults.failStatus ?? 503;
  const random = mulberry32(spec.seed ?? crc32(address));

  /** Answers one request (its body read) the way the sandbox's controls and app would. @param {Req} req @param {Res} res @param {Buffer} body */
  const serve = (req, res, body) => {
    /** @type {NodeJS.Timeout[]} */
    const timers = [];
    res.on('close', () => timers.forEach(clearTimeout));
    /** @type {Context} */
    const ctx = {
      after(ms, fn) {
        if (ms > 0) timers.push(setTimeout(fn, ms));
        else fn();
      },
      // Nothing can refuse an accepted connection; closing it at once fails the same way for nginx.
      refuse: () => req.socket.destroy(),
    };
    const fails = failRate > 0 && random() < failRate;
    if (fails && failStatus === 'refused') return ctx.refuse();
    ctx.after(latencyMs, () => {
      if (!fails || failStatus === 'refused') return handle(req, res, body, ctx);
      answerJson(res, spec.name, req.method, failStatus, {
        backend: spec.name,
        error: `failing on purpose with ${failStatus}`,
      });
    });
  };

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.sendDate = false;
      serve(req, res, Buffer.concat(chunks));
    });
  });
  // A request with Upgrade (a WebSocket handshake) arrives here, not as a request: the answer is
  // written on the socket itself. A 101 leaves it open, as a WebSocket server would; these apps
  // speak no WebSocket, so nothing more is sent on it.
  server.on('upgrade', (req, socket) => {
    /** @type {(() => void)[]} */
    const closed = [];
    socket.on('close', () => closed.forEach((f) => f()));
    socket.on('error', () => socket.destroy());
    let status = 0;
    let head = '';
    serve(
      req,
      {
        writeHead(code, flat) {
          status = code;
          head = `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\n`;
          for (let i = 0; i < flat.length; i += 2) head += `${flat[i]}: ${flat[i + 1]}\r\n`;
        },
        end(body) {
          socket.write(`${head}\r\n`);
          if (body) socket.write(body);
          if (status !== 101) socket.end();
        },
        on(_event, listener) {
          closed.push(listener);
        },
      },
      Buffer.alloc(0),
    );
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(address.slice(colon + 1)), host, () => {
      console.log(`${spec.name} (${app}) listening on ${address}`);
      resolve(server);
    });
  });
}

const servers = await Promise.all(
  Object.entries(backends)
    .filter(([address, spec]) => {
      if (spec.down) console.log(`${spec.name} is down: nothing listens on ${address}`);
      return !spec.down;
    })
    .map(([address, spec]) => start(address, spec)),
);
console.log('backends ready');

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    process.exit(0);
  });
