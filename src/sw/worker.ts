/**
 * The sandbox's service worker: it owns each page's proxy and answers only
 * requests under `/sandbox/` (and those of the frames browsing a sandbox
 * site). The built app's own files come from its offline cache
 * (shell-cache.ts); everything else passes untouched: no respondWith, so the
 * browser fetches it as if no worker were there.
 */
// First: msw needs a localStorage at import time, and workers have none.
import './local-storage';
import { encodeBurst, encodeEnvelope, type ExchangeEnvelope } from '../runtime/codec';
import {
  parseSitePath,
  SANDBOX_PREFIX,
  SESSION_HEADER,
  sitePath,
  WORKER_HEADER,
  type ControlReply,
  type ControlRequest,
  type PageMessage,
} from '../runtime/protocol';
import type { ClientRequest } from '../scenario';
import { sessionFor, type Session } from './session';
import { dropOldShellCaches, fillShellCache, shellResponse } from './shell-cache';
import { siteResponse, siteSpec, type SiteTarget } from './site';
import { pruneSessions } from './store';
import { sw, type FetchEvent } from './sw-global';

// Updates take over at once (skipWaiting + claim). The page sees the new
// controller, reconnects and loads its scenario again, and tells the learner,
// so an old page never talks to a new worker without knowing.
// A new build's worker fills its offline cache before it takes over, and drops the old one.
sw.addEventListener('install', (event) =>
  event.waitUntil(Promise.all([fillShellCache(), sw.skipWaiting()])),
);
sw.addEventListener('activate', (event) =>
  event.waitUntil(
    Promise.all([
      sw.clients.claim(),
      pruneSessions().catch(() => undefined),
      dropOldShellCaches().catch(() => undefined),
    ]),
  ),
);

sw.addEventListener('message', (event) => {
  const data = event.data as PageMessage | null;
  // A page loaded with shift-reload is not controlled even though the worker is active.
  if (data?.type === 'claim') event.waitUntil(sw.clients.claim());
  if (data?.type === 'connect') {
    const port = event.ports[0];
    if (!port) return;
    const clientId = event.source?.id ?? null;
    event.waitUntil(sessionFor(data.session).then((s) => s.connect(port, clientId)));
  }
});

/** Frames showing a sandbox site, by client id: their requests for `/style.css` belong to the site. */
const frames = new Map<string, { session: string; host: string }>();

/** The largest burst one message may ask for (the UI offers up to 1,000). */
const MAX_BURST = 10_000;

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith(SANDBOX_PREFIX)) {
    event.respondWith(answer(event, url));
    return;
  }
  const frame = frameOf(event);
  if (!frame) {
    const shell = shellResponse(event.request, url);
    if (shell) event.respondWith(shell);
    return;
  }
  const target = url.pathname + url.search;
  if (event.request.mode === 'navigate') {
    // A link in the frame to `/about`: keep the frame's address inside the sandbox.
    if (event.request.destination === 'iframe')
      event.respondWith(Response.redirect(sitePath(frame.session, frame.host, target), 302));
    return;
  }
  event.respondWith(site(event, { ...frame, target }));
});

function frameOf(event: FetchEvent): { session: string; host: string } | null {
  const known = frames.get(event.clientId);
  if (known) return known;
  // After a restart the map is empty; the frame's document URL is still the referrer.
  const referrer = event.request.referrer;
  if (!referrer.startsWith(sw.location.origin)) return null;
  const parsed = parseSitePath(new URL(referrer).pathname);
  return parsed && { session: parsed.session, host: parsed.host };
}

async function answer(event: FetchEvent, url: URL): Promise<Response> {
  try {
    const parsed = parseSitePath(url.pathname);
    if (parsed) {
      if (event.request.mode === 'navigate' && event.resultingClientId)
        frames.set(event.resultingClientId, { session: parsed.session, host: parsed.host });
      return await site(event, { ...parsed, target: parsed.path + url.search });
    }
    const sessionId = event.request.headers.get(SESSION_HEADER);
    if (!sessionId) return json(400, { ok: false, error: `missing ${SESSION_HEADER} header` });
    const session = await sessionFor(sessionId);
    if (url.pathname === `${SANDBOX_PREFIX}request`) return await send(event, session);
    if (url.pathname === `${SANDBOX_PREFIX}burst`) return await burst(event, session);
    if (url.pathname === `${SANDBOX_PREFIX}control`) return await control(event, session);
    return json(404, { ok: false, error: `no sandbox endpoint at ${url.pathname}` });
  } catch (error) {
    return json(500, { ok: false, error: `the sandbox worker failed: ${String(error)}` });
  }
}

async function send(event: FetchEvent, session: Session): Promise<Response> {
  const spec = JSON.parse(await event.request.text()) as ClientRequest;
  let envelope: ExchangeEnvelope;
  try {
    const exchange = session.core.send(spec);
    event.waitUntil(session.saveSoon());
    envelope = { ok: true, exchange: await exchange };
  } catch (error) {
    envelope = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return json(200, encodeEnvelope(envelope));
}

/** A burst: `count` copies of one request, run through the engine together (SandboxCore.sendBurst). */
async function burst(event: FetchEvent, session: Session): Promise<Response> {
  const { spec, count } = JSON.parse(await event.request.text()) as {
    spec: ClientRequest;
    count: number;
  };
  if (!Number.isInteger(count) || count < 1 || count > MAX_BURST) {
    return json(400, { ok: false, error: `a burst is 1 to ${MAX_BURST} requests` });
  }
  const exchanges = session.core.sendBurst(spec, count);
  event.waitUntil(session.saveSoon());
  return json(200, encodeBurst(await exchanges));
}

async function control(event: FetchEvent, session: Session): Promise<Response> {
  const message = JSON.parse(await event.request.text()) as ControlRequest;
  let reply: ControlReply;
  switch (message.type) {
    case 'load': {
      const load = session.core.load(message.scenario, message.mode);
      if (load.ok) event.waitUntil(session.save());
      reply = { ok: true, load };
      break;
    }
    case 'set-backend':
      reply = { ok: true, backends: session.core.setBackend(message.address, message.change) };
      event.waitUntil(session.save());
      break;
    case 'backends':
      reply = { ok: true, backends: session.core.backends() };
      break;
    case 'ping':
      reply = { ok: true };
      break;
    default:
      reply = { ok: false, error: 'unknown control message' };
  }
  return json(200, JSON.stringify(reply));
}

async function site(event: FetchEvent, target: SiteTarget): Promise<Response> {
  const session = await sessionFor(target.session);
  const sending = session.core.send(await siteSpec(event.request, target, sw.location.origin));
  event.waitUntil(session.saveSoon());
  const exchange = await sending;
  session.post({ type: 'exchange', exchange });
  return siteResponse(exchange, target);
}

/** `value`: an object to stringify, or JSON text already made. */
function json(status: number, value: object | string): Response {
  return new Response(typeof value === 'string' ? value : JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', [WORKER_HEADER]: '1' },
  });
}
