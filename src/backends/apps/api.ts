/**
 * The `api` app: a small JSON API under `/api/`. Every answer names the
 * backend and shows the client headers the proxy passed on
 * (X-Forwarded-For, X-Real-IP, Host), which the proxy lessons are about.
 */
import { http, type HttpHandler } from 'msw';
import { bodyText, headerValue, type HeaderList } from '../../http/message';
import type { BackendSpec } from '../../scenario';
import { wireRequestOf, type WireRequest } from '../wire';
import { answerJson } from './answer';
import type { BackendApp } from './app';

interface User {
  id: number;
  name: string;
  email: string;
}

const USERS: readonly User[] = [
  { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' },
  { id: 2, name: 'Grace Hopper', email: 'grace@example.com' },
  { id: 3, name: 'Margaret Hamilton', email: 'margaret@example.com' },
];

/** The request headers about the client, as this backend saw them (null when absent). */
function seen(headers: HeaderList) {
  return {
    host: headerValue(headers, 'host') ?? null,
    'x-forwarded-for': headerValue(headers, 'x-forwarded-for') ?? null,
    'x-real-ip': headerValue(headers, 'x-real-ip') ?? null,
  };
}

function apiHandlers(address: string, spec: BackendSpec): HttpHandler[] {
  const base = `http://${address}/api`;
  const reply = (wire: WireRequest, status: number, data: object, headers: HeaderList = []) =>
    answerJson(
      spec.name,
      wire.method,
      status,
      { backend: spec.name, ...data, seen: seen(wire.headers) },
      [['cache-control', 'no-store'], ...headers],
    );
  const notFound = (wire: WireRequest) =>
    reply(wire, 404, { error: 'not found', method: wire.method, uri: wire.target });

  return [
    http.get(`${base}/health`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      return reply(wire, 200, { status: 'ok' });
    }),
    http.get(`${base}/users`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      return reply(wire, 200, { users: USERS });
    }),
    http.post(`${base}/users`, async ({ request }) => {
      const wire = await wireRequestOf(request);
      let fields: unknown;
      try {
        fields = JSON.parse(wire.body ? bodyText(wire.body) : '');
      } catch {
        return reply(wire, 400, { error: 'the body must be a JSON object' });
      }
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
        return reply(wire, 400, { error: 'the body must be a JSON object' });
      }
      // Nothing is stored: the API echoes what it would have created, so every run starts alike.
      const user = { ...fields, id: USERS.length + 1 };
      return reply(wire, 201, { created: user }, [['location', `/api/users/${user.id}`]]);
    }),
    http.get(`${base}/users/:id`, async ({ request, params }) => {
      const wire = await wireRequestOf(request);
      const user = USERS.find((u) => String(u.id) === params['id']);
      return user ? reply(wire, 200, { user }) : notFound(wire);
    }),
    http.all(`http://${address}/*`, async ({ request }) => notFound(await wireRequestOf(request))),
  ];
}

export const apiApp: BackendApp = { handlers: apiHandlers };
