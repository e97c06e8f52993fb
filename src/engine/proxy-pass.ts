/**
 * The proxy content handler: builds the upstream request (URI rules, the
 * default and configured headers), picks a server, sends, retries on the
 * next server when nginx would, and turns the backend's answer into the
 * client's response.
 */
import type { HttpConf, Level, LocationConf } from './conf';
import { findErrorPage } from './error-page';
import { rewriteRedirect } from './modules/proxy-redirect';
import { absoluteLocation } from './response';
import type { EngineState, Finish, PhaseHandler, UpstreamSeen } from './phases';
import type { EngineResponse, HeaderList } from '../http/message';
import { escapeUri } from './http/uri';
import { backendReason } from './http/wire-size';
import type { ProxyPass } from './modules/proxy';
import { emit, type Req } from './request';
import { nextUpstreamOf } from './upstream/next-upstream';
import { tryServers, type UpstreamMessage } from './upstream/try-servers';
import { implicitUpstream, withPort, type Upstream } from './upstream/upstream';
import { cachedSend } from './cache/proxy-cache';

export type ProxyResult =
  { response: EngineResponse; reason: string; source?: 'cache' } | { finish: Finish };

const DEFAULT_TIMEOUT_MS = 60_000;

/** Client headers nginx never forwards as they are: it writes its own or drops them. */
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'te',
  'keep-alive',
  'expect',
  'upgrade',
]);

/** Backend response headers nginx does not pass on unless `proxy_pass_header` says so. */
const HIDDEN_BY_DEFAULT = [
  'date',
  'server',
  'x-pad',
  'x-accel-expires',
  'x-accel-redirect',
  'x-accel-limit-rate',
  'x-accel-buffering',
  'x-accel-charset',
];

/** Hop-by-hop headers of the upstream connection, never copied to the client (Content-Length is kept). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

interface Target {
  upstream: Upstream | null;
  /** `$proxy_host`. */
  proxyHost: string;
  uri: string;
  /** An address to dial directly (a variable proxy_pass naming no upstream). */
  address: string | null;
}

function resolveTarget(
  r: Req,
  loc: LocationConf,
  proxy: ProxyPass,
  http: HttpConf,
): Target | string {
  let host = proxy.host;
  let uriPart = proxy.uri;
  if (proxy.hasVariables) {
    const url = proxy.compiled!.evaluate(r);
    const m = /^https?:\/\/([^/]*)(\/.*)?$/i.exec(url);
    // ngx_http_proxy_eval: no http(s):// prefix or no host is a 500 (an empty variable gives "http://").
    if (!m) return `proxy_pass evaluates to "${url}": invalid URL prefix`;
    if (!m[1]) return `proxy_pass evaluates to "${url}": no host`;
    host = m[1];
    uriPart = m[2] ?? null;
  }
  const upstream = http.upstreams.get(host.toLowerCase()) ?? null;
  const proxyHost = upstream?.explicit ? upstream.name : host.replace(/:80$/, '');
  let uri: string;
  if (proxy.hasVariables && uriPart !== null) {
    uri = uriPart;
  } else if (uriPart === null) {
    uri =
      r.uriChanged || r.internal
        ? escapeUri(r.uri) + (r.args ? '?' + r.args : '')
        : r.incoming.target;
  } else if (r.locationInvalid) {
    // After `rewrite ... break` (in the server or the location) the changed URI is sent whole.
    uri = escapeUri(r.uri) + (r.args ? '?' + r.args : '');
  } else {
    const rest = r.uri.slice(loc.name.length);
    uri =
      uriPart + (r.quoted || r.internal ? escapeUri(rest) : rest) + (r.args ? '?' + r.args : '');
  }
  return { upstream, proxyHost, uri, address: upstream ? null : withPort(host) };
}

/** What a level's header settings come to, worked out once per level rather than per request. */
interface HeaderRules {
  /** Lower-cased names proxy_set_header sets (the client's own are then not passed). */
  set: ReadonlySet<string>;
  /** Lower-cased backend response headers not passed to the client. */
  hide: ReadonlySet<string>;
}

const headerRules = new WeakMap<Level, HeaderRules>();

function rulesOf(level: Level): HeaderRules {
  let rules = headerRules.get(level);
  if (!rules) {
    const passed = new Set(level.all('proxy_pass_header').map((n) => n.args[0]!.toLowerCase()));
    const hide = new Set(HIDDEN_BY_DEFAULT.filter((h) => !passed.has(h)));
    for (const n of level.all('proxy_hide_header')) hide.add(n.args[0]!.toLowerCase());
    const set = new Set(level.all('proxy_set_header').map((n) => n.args[0]!.toLowerCase()));
    rules = { set, hide };
    headerRules.set(level, rules);
  }
  return rules;
}

function buildHeaders(r: Req, loc: LocationConf, bodyLength: number | null): HeaderList {
  const level = loc.level;
  const { set } = rulesOf(level);
  const out: HeaderList = [];
  for (const node of level.all('proxy_set_header')) {
    const value = node.compiled!.get(1)!.evaluate(r);
    if (value !== '') out.push([node.args[0]!, value]);
  }
  if (!set.has('host')) out.push(['Host', r.proxyHost]);
  if (!set.has('connection')) out.push(['Connection', 'close']);
  if (bodyLength !== null && !set.has('content-length'))
    out.push(['Content-Length', String(bodyLength)]);
  if (level.value<boolean>('proxy_pass_request_headers') === false) return out;
  for (const [name, value] of r.headerLines) {
    const key = name.toLowerCase();
    if (NOT_FORWARDED.has(key) || set.has(key)) continue;
    out.push([name, value]);
  }
  return out;
}

/** Applies the response side: hidden headers, `proxy_redirect default`. */
function clientHeaders(
  r: Req,
  loc: LocationConf,
  proxy: ProxyPass,
  headers: HeaderList,
): { headers: HeaderList; hidden: string[] } {
  const { hide } = rulesOf(loc.level);
  const out: HeaderList = [];
  const hidden: string[] = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (HOP_BY_HOP.has(key)) continue;
    if (hide.has(key)) {
      if (key !== 'date' && key !== 'server') hidden.push(name);
      continue;
    }
    out.push([
      name,
      key === 'location' || key === 'refresh' ? redirectHeader(r, loc, proxy, key, value) : value,
    ]);
  }
  return { headers: out, hidden };
}

/** Location and Refresh after `proxy_redirect`; a rewritten Location is made absolute like nginx's own redirects. */
function redirectHeader(
  r: Req,
  loc: LocationConf,
  proxy: ProxyPass,
  key: string,
  value: string,
): string {
  if (key === 'location') {
    const rewritten = rewriteRedirect(r, loc, proxy, value);
    return rewritten === null ? value : absoluteLocation(r, rewritten);
  }
  // Refresh: "5; url=http://..." — only the URL part is rewritten, and it stays as written.
  const m = /^(.*?url=)(.*)$/i.exec(value);
  if (!m) return value;
  const rewritten = rewriteRedirect(r, loc, proxy, m[2]!);
  return rewritten === null ? value : m[1]! + rewritten;
}

export async function proxyPass(
  r: Req,
  loc: LocationConf,
  proxy: ProxyPass,
  http: HttpConf,
  seen: UpstreamSeen,
  state: EngineState,
): Promise<ProxyResult> {
  const target = resolveTarget(r, loc, proxy, http);
  if (typeof target === 'string')
    return { finish: { status: 500, source: 'error', reason: target } };
  r.proxyHost = target.proxyHost;
  const dialHost = target.address?.replace(/:\d+$/, '');
  if (dialHost !== undefined && !http.resolves(dialHost)) {
    // A host known only at request time needs a `resolver`; nginx answers 502 without one.
    return {
      finish: {
        status: 502,
        source: 'error',
        reason: `no resolver defined to resolve ${dialHost}`,
      },
    };
  }
  const upstream = target.upstream ?? implicitUpstream(target.address!, proxy.line);
  const level = loc.level;
  const httpVersion = level.value<'1.0' | '1.1'>('proxy_http_version') ?? '1.0';
  const readTimeout = level.value<number>('proxy_read_timeout') ?? DEFAULT_TIMEOUT_MS;
  const sendBody =
    level.value<boolean>('proxy_pass_request_body') !== false && r.incoming.body !== null;
  const body = sendBody ? r.incoming.body : null;
  const build = (): UpstreamMessage => {
    const headers = buildHeaders(r, loc, body ? body.length : null);
    return { method: r.method, target: target.uri, httpVersion, headers, body };
  };
  const next = nextUpstreamOf(level);
  // The cache answers HITs itself, and judges what the backend sends for storing.
  const outcome = await cachedSend(r, level, state, http, proxy.scheme, target.uri, build, (m) =>
    tryServers(r, upstream, m, readTimeout, seen, next),
  );
  if (outcome.kind === 'finish') return { finish: outcome.finish };
  const { headers: out, hidden } = clientHeaders(r, loc, proxy, outcome.headers);
  if (hidden.length) {
    emit(r, {
      type: 'headers',
      added: [],
      hidden,
      reason: 'hidden from the client (nginx defaults and proxy_hide_header)',
    });
  }
  // nginx passes the backend's status line on, phrase and all.
  const response = {
    status: outcome.status,
    reason: outcome.reason ?? backendReason(outcome.status),
    headers: out,
    body: outcome.body,
  };
  if ('fromCache' in outcome) return { response, reason: outcome.fromCache, source: 'cache' };
  return { response, reason: `${outcome.address} answered ${outcome.status}` };
}

/** The content phase for a location with `proxy_pass`. */
export const proxyContent: PhaseHandler = async (r, location, ctx) => {
  if (!location?.proxy) return undefined;
  const result = await proxyPass(
    r,
    location,
    location.proxy,
    ctx.http,
    ctx.upstreamSeen,
    ctx.state,
  );
  if ('finish' in result) return { kind: 'finish', finish: result.finish };
  const status = result.response.status;
  // proxy_intercept_errors: a backend status >= 300 that has an error_page is answered by that page instead.
  if (
    status >= 300 &&
    location.level.value<boolean>('proxy_intercept_errors') &&
    findErrorPage(r, status)
  ) {
    const reason = `proxy_intercept_errors: the backend's ${status} goes to error_page`;
    return { kind: 'finish', finish: { status, source: 'error', reason } };
  }
  const source = result.source ?? 'upstream';
  return { kind: 'response', response: result.response, source, reason: result.reason };
};
