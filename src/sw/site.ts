/**
 * Frames browse the proxied site through `/sandbox/site/<session>/<host>/…`:
 * the browser's real request becomes a client request to `http://<host>/…`,
 * and the engine's answer becomes a real Response, so pages, CSS, scripts and
 * images load through the proxy.
 */
import { FRAME_POLICY } from '../csp/frame-policy';
import { SANDBOX_PREFIX, SESSION_HEADER, sitePath, WORKER_HEADER } from '../runtime/protocol';
import type { Exchange } from '../runtime/types';
import type { ClientRequest } from '../scenario';

/** Headers of the app's own origin that must not leak into the sandbox. */
const DROPPED_REQUEST_HEADERS = new Set(['cookie', SESSION_HEADER]);
/** Headers a Response built here must not carry: its body is whole and already decoded. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export interface SiteTarget {
  session: string;
  host: string;
  /** Path and query as the frame asked for them. */
  target: string;
}

/** The frame's request as a learner's client would send it to `http://<host>`. */
export async function siteSpec(
  request: Request,
  site: SiteTarget,
  origin: string,
): Promise<ClientRequest> {
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => {
    if (DROPPED_REQUEST_HEADERS.has(name)) return;
    if (name === 'referer' || name === 'origin') value = virtualUrl(value, site, origin);
    headers.push([name, value]);
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return {
    method: request.method,
    url: `http://${site.host}${site.target}`,
    headers,
    body: hasBody ? await request.text() : null,
    client: '127.0.0.1',
  };
}

/** A sandbox URL the frame sent (`Referer`, `Origin`) as the site's own address. */
function virtualUrl(value: string, site: SiteTarget, origin: string): string {
  if (!value.startsWith(origin)) return value;
  const path = value.slice(origin.length);
  const prefix = `${SANDBOX_PREFIX}site/${encodeURIComponent(site.session)}/`;
  if (path.startsWith(prefix)) return `http://${path.slice(prefix.length)}`;
  return `http://${site.host}${path}`;
}

/** The engine's answer as a Response the frame can render; what fetch cannot carry is left out. */
export async function siteResponse(exchange: Exchange, site: SiteTarget): Promise<Response> {
  const res = exchange.response;
  if (!res)
    return explain(502, "This site can't be reached", exchange.connectionError ?? 'no response');
  if (res.status < 200 || res.status > 599)
    return explain(
      502,
      `Status ${res.status} cannot be shown in a frame`,
      'The proxy answered, but a browser frame cannot display this status. Send the request from the Send panel or the console to see it.',
    );
  const headers = new Headers({ [WORKER_HEADER]: '1' });
  let gzip = false;
  for (const [name, value] of res.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' && value.trim().toLowerCase() === 'gzip') gzip = true;
    if (DROPPED_RESPONSE_HEADERS.has(lower)) continue;
    try {
      headers.append(name, lower === 'location' ? framedLocation(value, site) : value);
    } catch {
      // A value fetch cannot represent; the rest of the response still gets through.
    }
  }
  // Added to the backend's own policy (both apply): the frame's lock, src/csp/frame-policy.ts.
  headers.append('Content-Security-Policy', FRAME_POLICY);
  const empty = NULL_BODY_STATUSES.has(res.status) || exchange.sent.method === 'HEAD';
  const bytes = res.body as Uint8Array<ArrayBuffer>;
  const body = empty ? null : gzip ? await gunzip(bytes) : bytes;
  return new Response(body, { status: res.status, headers });
}

/** A redirect stays inside the sandbox: `http://host/x`, `//host/x` and `/x` become site paths. */
function framedLocation(value: string, site: SiteTarget): string {
  const m = /^(?:https?:)?\/\/([^/?#]+)(.*)$/i.exec(value);
  if (m) return sitePath(site.session, m[1]!, m[2] || '/');
  if (value.startsWith('/')) return sitePath(site.session, site.host, value);
  return value;
}

/** The browser does not decode bodies of Responses a worker builds, so the worker does. */
async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer> | Blob> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).blob();
  } catch {
    return bytes;
  }
}

function explain(status: number, title: string, detail: string): Response {
  const escape = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const html = `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><body style="font:16px system-ui;margin:2rem"><h1 style="font-size:1.25rem">${escape(title)}</h1><p>${escape(detail)}</p></body>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': FRAME_POLICY,
      [WORKER_HEADER]: '1',
    },
  });
}
