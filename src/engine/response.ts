/**
 * Responses nginx writes itself (`return`, redirects, built-in error pages)
 * and the header filter every response passes through.
 */
import { contentTypeFor } from './http/content-type';
import { textEncoder, type EngineResponse, type HeaderList } from '../http/message';
import { builtinPage, hasBuiltinPage, wireStatus } from '../http/pages';
import { ADD_HEADER_STATUSES, applyExpires, type AddHeader } from './modules/headers';
import type { Finish, ResponseSource } from './phases';
import { emit, type Req } from './request';
import { NGINX_VERSION } from '../http/nginx-version';

export function serverTokens(r: Req): 'on' | 'off' | 'build' {
  return levelOf(r).value<'on' | 'off' | 'build'>('server_tokens') ?? 'on';
}

export function levelOf(r: Req) {
  return r.location?.level ?? r.server.level;
}

/** A response nginx writes itself: the text of `return`, a redirect, or a built-in page. */
export function generate(r: Req, finish: Finish): EngineResponse {
  const level = levelOf(r);
  const status = wireStatus(finish.status);
  const headers: HeaderList = [];
  let body = '';
  const redirect = finish.location !== undefined;
  if (finish.text !== undefined && !redirect) {
    body = finish.text;
    if (status !== 204) headers.push(['Content-Type', contentTypeFor(level, r.uri)]);
  } else if (hasBuiltinPage(finish.status)) {
    body = builtinPage(finish.status, serverTokens(r));
    headers.push(['Content-Type', 'text/html']);
  }
  if (redirect) headers.push(['Location', absoluteLocation(r, finish.location!)]);
  if (finish.headers) headers.push(...finish.headers);
  if (status === 204) body = '';
  const bytes = textEncoder.encode(body);
  // HEAD gets the same Content-Length; the header filter drops the body itself.
  if (status !== 204 && status !== 304) headers.push(['Content-Length', String(bytes.length)]);
  return { status, headers, body: bytes };
}

/** The header filter: Server, Date and Connection, then add_header by nginx's status rule. */
export function headerFilter(
  r: Req,
  res: EngineResponse,
  source: ResponseSource,
  reason: string,
): EngineResponse {
  const level = levelOf(r);
  // The status is known before the header filter runs: add_header's `$status` sees it.
  r.status = res.status;
  const expires = applyExpires(r, level, res);
  if (expires)
    emit(r, { type: 'headers', added: expires.values, hidden: [], reason: expires.reason });
  const added: HeaderList = [];
  for (const node of level.all('add_header')) {
    const h = node.value as AddHeader;
    if (!h.always && !ADD_HEADER_STATUSES.has(res.status)) continue;
    const value = node.compiled?.get(1)?.evaluate(r) ?? h.value;
    if (value === '') continue;
    added.push([h.name, value]);
  }
  if (added.length) emit(r, { type: 'headers', added, hidden: [], reason: 'add_header' });
  const keepAlive =
    r.incoming.httpVersion === '1.1' &&
    r.headersIn.get('connection')?.[0]?.toLowerCase() !== 'close';
  const headers: HeaderList = [
    ['Server', serverTokens(r) === 'off' ? 'nginx' : `nginx/${NGINX_VERSION}`],
    ['Date', httpDate(r.clock.epochMs + r.clock.now())],
    ...(expires ? expires.headers : res.headers),
    // ngx_http_header_filter: a 101 hands the connection over to the upgraded protocol.
    ['Connection', res.status === 101 ? 'upgrade' : keepAlive ? 'keep-alive' : 'close'],
    ...(expires ? expires.added : []),
    ...added,
  ];
  const out: EngineResponse = {
    status: res.status,
    reason: res.reason,
    headers,
    body: r.method === 'HEAD' ? new Uint8Array(0) : res.body,
  };
  r.status = out.status;
  r.headersOut = headers;
  emit(r, { type: 'respond', status: out.status, source, reason });
  return out;
}

/** nginx makes a redirect to `/path` absolute: scheme, the Host name, and the port when it is not the default. */
export function absoluteLocation(r: Req, location: string): string {
  if (!location.startsWith('/')) return location;
  const level = levelOf(r);
  if (level.value<boolean>('absolute_redirect') === false) return location;
  const host = level.value<boolean>('server_name_in_redirect')
    ? r.server.primaryName
    : r.host || '127.0.0.1';
  const port = r.incoming.port;
  const defaultPort = r.scheme === 'https' ? 443 : 80;
  const showPort = level.value<boolean>('port_in_redirect') !== false && port !== defaultPort;
  return `${r.scheme}://${host}${showPort ? ':' + port : ''}${location}`;
}

let dateCache = { second: -1, text: '' };

/** The Date header for a moment (ms since 1970); formatted once per second, as nginx caches it too. */
export function httpDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== dateCache.second)
    dateCache = { second, text: new Date(second * 1000).toUTCString() };
  return dateCache.text;
}
