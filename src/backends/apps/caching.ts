/**
 * The `caching` app: one path per caching header a lesson needs
 * (Cache-Control variants, Expires, Set-Cookie, X-Accel-Expires, Vary,
 * ETag and Last-Modified with 304s). Bodies count how often the backend
 * really answered a path, so a cache hit shows as a count that stays put.
 */
import { http, type HttpHandler } from 'msw';
import type { Clock } from '../../engine';
import { textEncoder, type HeaderList } from '../../http/message';
import type { BackendSpec } from '../../scenario';
import { wireRequestOf } from '../wire';
import { answer, answerJson } from './answer';
import type { BackendApp } from './app';
import { etagOf, isNotModified } from './validators';

interface CachingPath {
  about: string;
  /** Headers for an answer at `nowMs` (wall-clock ms); `count` is the backend's answers to this path so far. */
  headers(nowMs: number, count: number, backend: string): HeaderList;
  /** The body never changes and carries validators; a matching conditional request gets a 304. */
  validated?: boolean;
}

/** When the validated bodies last changed, seconds since 1970. */
const MODIFIED = Date.UTC(2025, 11, 1, 9, 0, 0) / 1000;
const httpDate = (ms: number) => new Date(ms).toUTCString();

const PATHS: Record<string, CachingPath> = {
  '/max-age': {
    about: 'fresh for 60 seconds',
    headers: () => [['cache-control', 'max-age=60']],
  },
  '/public': {
    about: 'any cache may keep it for 5 minutes',
    headers: () => [['cache-control', 'public, max-age=300']],
  },
  '/private': {
    about: 'only the browser may keep it (nginx does not cache it)',
    headers: () => [['cache-control', 'private, max-age=60']],
  },
  '/no-cache': {
    about: 'may be stored but must be revalidated each time (nginx does not cache it)',
    headers: () => [['cache-control', 'no-cache']],
  },
  '/no-store': {
    about: 'must never be stored',
    headers: () => [['cache-control', 'no-store']],
  },
  '/expires': {
    about: 'an Expires date 60 seconds ahead, no Cache-Control',
    headers: (now) => [['expires', httpDate(now + 60_000)]],
  },
  '/expired': {
    about: 'an Expires date in the past: stale at once',
    headers: () => [['expires', httpDate(0)]],
  },
  '/x-accel-expires': {
    about: 'X-Accel-Expires (for nginx only) says 30 seconds, Cache-Control says no-cache',
    headers: () => [
      ['x-accel-expires', '30'],
      ['cache-control', 'no-cache'],
    ],
  },
  '/set-cookie': {
    about: 'cacheable by its Cache-Control, but sets a cookie (nginx does not cache it)',
    headers: (_now, count, backend) => [
      ['cache-control', 'max-age=60'],
      ['set-cookie', `session=${backend}-${count}; Path=/; HttpOnly`],
    ],
  },
  '/vary': {
    about: 'a separate cached copy per Accept-Encoding',
    headers: () => [
      ['cache-control', 'max-age=60'],
      ['vary', 'Accept-Encoding'],
    ],
  },
  '/etag': {
    about: 'revalidate every time; an If-None-Match with the ETag gets 304',
    headers: () => [['cache-control', 'no-cache']],
    validated: true,
  },
  '/last-modified': {
    about: 'fresh for 10 seconds, then an If-Modified-Since gets 304',
    headers: () => [
      ['cache-control', 'max-age=10'],
      ['last-modified', httpDate(MODIFIED * 1000)],
    ],
    validated: true,
  },
};

function cachingHandlers(address: string, spec: BackendSpec, clock: Clock): HttpHandler[] {
  const counts = new Map<string, number>();
  return [
    http.all(`http://${address}/*`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      const path = new URL(request.url).pathname;
      const entry = PATHS[path];
      if (path === '/') {
        const paths = Object.fromEntries(Object.entries(PATHS).map(([p, e]) => [p, e.about]));
        return answerJson(spec.name, wire.method, 200, { backend: spec.name, paths });
      }
      if (!entry) {
        return answerJson(spec.name, wire.method, 404, { backend: spec.name, error: 'not found' });
      }
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const headers = entry.headers(clock.epochMs + clock.now(), count, spec.name);
      if (!entry.validated) {
        return answerJson(
          spec.name,
          wire.method,
          200,
          { backend: spec.name, path, about: entry.about, answered: count },
          headers,
        );
      }
      const body = textEncoder.encode(
        JSON.stringify({ backend: spec.name, path, about: entry.about }, null, 2) + '\n',
      );
      const etag = etagOf(body);
      const validators: HeaderList = [...headers, ['etag', etag]];
      if (isNotModified(wire.headers, { mtime: MODIFIED, etag })) {
        return answer(spec.name, wire.method, { status: 304, headers: validators });
      }
      return answer(spec.name, wire.method, {
        headers: [['content-type', 'application/json'], ...validators],
        body,
      });
    }),
  ];
}

export const cachingApp: BackendApp = { handlers: cachingHandlers };
