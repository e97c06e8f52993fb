/**
 * The request pipeline, in nginx's phase order: server selection, server
 * rewrite, location match, location rewrite, access, content (proxy_pass or
 * nginx's own response), header filter, log. Every decision is traced.
 */
import type { Clock } from './clock';
import type { CompiledConfig } from './compile';
import type { LocationConf } from './conf';
import { contentTypeFor } from './http/content-type';
import {
  textEncoder,
  type EngineResponse,
  type HeaderList,
  type IncomingRequest,
} from './http/message';
import { builtinPage, hasBuiltinPage, wireStatus } from './http/pages';
import { parseTarget } from './http/uri';
import { matchAccess, type AccessRule } from './modules/access';
import { ADD_HEADER_STATUSES, type AddHeader } from './modules/headers';
import type { AccessLogConf } from './modules/log';
import { proxyPass } from './proxy-pass';
import { emit, type Req } from './request';
import { findLocation } from './routing/location-match';
import { groupByPort, selectServer, type PortGroup } from './routing/server-select';
import { runScript, type ScriptResult } from './rewrite-run';
import type { TraceEvent } from './trace';
import type { Transport, UpstreamRequest } from './upstream/transport';
import { NGINX_VERSION } from './variables';

export interface ProxyOptions {
  clock: Clock;
  transport: Transport;
}

export interface HandleResult {
  /** What the client received; null when the connection itself failed. */
  response: EngineResponse | null;
  /** Why no HTTP response came back (nothing listens on the port, TLS to a plain port). */
  connectionError: string | null;
  trace: TraceEvent[];
  /** The last request a backend received while this request was in flight. */
  upstreamRequest: UpstreamRequest | null;
  /** Access log lines written for this request. */
  accessLog: { path: string; line: string }[];
}

/** What a phase decided when it ends the request with a response nginx writes itself. */
export interface Finish {
  status: number;
  /** Body text for `return CODE "text"`. */
  text?: string;
  /** Redirect target (made absolute as nginx does). */
  location?: string;
  source: 'return' | 'error' | 'redirect';
  reason: string;
}

const MAX_URI_CHANGES = 10;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class ProxyEngine {
  private nextId = 1;
  private readonly ports: Map<number, PortGroup>;

  constructor(
    readonly config: CompiledConfig,
    private readonly options: ProxyOptions,
  ) {
    this.ports = groupByPort(config.http?.servers ?? []);
  }

  /** Ports something listens on (for the UI and the client model). */
  listeningPorts(): number[] {
    return [...this.ports.keys()];
  }

  async handle(incoming: IncomingRequest): Promise<HandleResult> {
    const clock = this.options.clock;
    const trace: TraceEvent[] = [];
    const id = this.nextId++;
    const group = this.ports.get(incoming.port);
    const at = clock.now();
    const hostHeader = incoming.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
    trace.push({
      type: 'receive',
      at,
      requestId: id,
      method: incoming.method,
      target: incoming.target,
      host: hostHeader,
      client: incoming.clientAddress,
      port: incoming.port,
      tls: incoming.tls,
    });
    const connectionFailed = (reason: string): HandleResult => {
      trace.push({ type: 'reject', at, requestId: id, status: null, reason });
      return {
        response: null,
        connectionError: reason,
        trace,
        upstreamRequest: null,
        accessLog: [],
      };
    };
    if (!group)
      return connectionFailed(`connection refused: nothing listens on port ${incoming.port}`);
    if (incoming.tls && !group.ssl) {
      return connectionFailed(`TLS handshake failed: port ${incoming.port} speaks plain HTTP`);
    }
    const headersIn = new Map<string, string[]>();
    for (const [n, v] of incoming.headers) {
      const key = n.toLowerCase();
      const list = headersIn.get(key);
      if (list) list.push(v);
      else headersIn.set(key, [v]);
    }
    const host = normalizeHost(headersIn.get('host')?.[0] ?? '');
    const choice = selectServer(group, host ?? '');
    const r: Req = {
      id,
      incoming,
      startedAt: at,
      clock,
      transport: this.options.transport,
      headersIn,
      host: host ?? '',
      scheme: incoming.tls ? 'https' : 'http',
      server: choice.server,
      location: null,
      uri: '',
      args: '',
      quoted: false,
      uriChanged: false,
      internal: false,
      captures: choice.captures,
      vars: new Map(Object.entries(choice.groups ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      upstreamTries: [],
      upstreamName: null,
      proxyHost: '',
      status: 0,
      headersOut: [],
      bytesSent: 0,
      trace,
    };
    const upstreamSeen: { last: UpstreamRequest | null } = { last: null };
    let response: EngineResponse;
    const invalid = requestProblem(incoming, headersIn, host);
    const te = headersIn.get('transfer-encoding')?.[0];
    if (!invalid && te !== undefined && te.toLowerCase() !== 'chunked') {
      const reason = `Transfer-Encoding "${te}" is not supported (only chunked is)`;
      emit(r, { type: 'reject', status: 501, reason });
      response = this.generate(r, { status: 501, source: 'error', reason });
    } else if (invalid) {
      emit(r, { type: 'reject', status: 400, reason: invalid });
      response = this.generate(r, { status: 400, source: 'error', reason: invalid });
    } else if (group.ssl && !incoming.tls) {
      emit(r, {
        type: 'server',
        port: incoming.port,
        host: r.host,
        server: choice.server.primaryName,
        line: choice.server.line,
        reason: choice.reason,
      });
      const reason = `plain HTTP sent to port ${incoming.port}, which expects TLS`;
      emit(r, { type: 'reject', status: 400, reason });
      response = this.generate(r, { status: 497, source: 'error', reason });
    } else {
      emit(r, {
        type: 'server',
        port: incoming.port,
        host: r.host,
        server: choice.server.primaryName || '(no server_name)',
        line: choice.server.line,
        reason: choice.reason,
      });
      response = await this.process(r, upstreamSeen);
    }
    const accessLog = this.log(r);
    return {
      response,
      connectionError: null,
      trace,
      upstreamRequest: upstreamSeen.last,
      accessLog,
    };
  }

  /** Phases from the target's parsing to the content handler. */
  private async process(
    r: Req,
    upstreamSeen: { last: UpstreamRequest | null },
  ): Promise<EngineResponse> {
    const parsed = parseTarget(r.incoming.target);
    if (!parsed) {
      const reason =
        'the request target is not a valid path (bad %-escape, NUL, or .. above the root)';
      emit(r, { type: 'reject', status: 400, reason });
      return this.generate(r, { status: 400, source: 'error', reason });
    }
    r.uri = parsed.path;
    r.args = parsed.args;
    r.quoted = parsed.quoted;

    const serverScript = runScript(r, r.server.script, 'server');
    if (serverScript.finish) return this.generate(r, serverScript.finish);

    let location: LocationConf | null;
    for (let changes = 0; ; changes++) {
      if (changes > MAX_URI_CHANGES) {
        const reason = `the URI changed more than ${MAX_URI_CHANGES} times: rewrite or internal redirection cycle`;
        emit(r, { type: 'reject', status: 500, reason });
        return this.generate(r, { status: 500, source: 'error', reason });
      }
      const match = findLocation(r.server.locations, r.uri);
      emit(r, {
        type: 'match',
        uri: r.uri,
        location: match.location ? match.location.label : null,
        line: match.location?.line ?? null,
        reason: match.reason,
        candidates: match.candidates,
      });
      if (match.redirectTo) {
        const target = r.uri + '/' + (r.args ? '?' + r.args : '');
        return this.generate(r, {
          status: 301,
          location: target,
          source: 'redirect',
          reason: match.reason,
        });
      }
      location = match.location;
      r.location = location;
      if (match.captures) r.captures = match.captures;
      for (const [k, v] of Object.entries(match.groups ?? {})) r.vars.set(k.toLowerCase(), v);
      if (!location) break;
      const result: ScriptResult = runScript(r, location.script, 'location');
      if (result.finish) return this.generate(r, result.finish);
      if (!result.uriChanged || result.stayInLocation) break;
    }

    if (location?.internal && !r.internal) {
      const reason = `location ${location.name} is internal: only internal redirects reach it`;
      emit(r, { type: 'reject', status: 404, reason });
      return this.generate(r, { status: 404, source: 'error', reason });
    }
    const level = location?.level ?? r.server.level;
    const rules = level.all('access').map((n) => n.value as AccessRule);
    if (rules.length) {
      const rule = matchAccess(rules, r.incoming.clientAddress);
      if (rule && !rule.allow) {
        const reason = `deny ${rule.text} (line ${rule.line}) matches ${r.incoming.clientAddress}`;
        emit(r, { type: 'reject', status: 403, reason });
        return this.generate(r, { status: 403, source: 'error', reason });
      }
    }
    if (location?.proxy) {
      const upstream = await proxyPass(
        r,
        location,
        location.proxy,
        this.config.http!,
        upstreamSeen,
      );
      if ('finish' in upstream) return this.generate(r, upstream.finish);
      return this.filter(r, upstream.response, 'upstream', upstream.reason);
    }
    const reason = location
      ? `location ${location.label} has no content handler the sandbox simulates here: no such file`
      : 'no location matches and no file exists';
    return this.generate(r, { status: 404, source: 'error', reason });
  }

  /** A response nginx writes itself: `return`, redirects and error pages. */
  generate(r: Req, finish: Finish): EngineResponse {
    const level = r.location?.level ?? r.server.level;
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
    if (status === 204) body = '';
    const bytes = textEncoder.encode(body);
    // HEAD gets the same Content-Length; the header filter drops the body itself.
    if (status !== 204 && status !== 304) headers.push(['Content-Length', String(bytes.length)]);
    return this.filter(r, { status, headers, body: bytes }, finish.source, finish.reason);
  }

  /** The header filter: Server, Date and Connection, then add_header by nginx's status rule. */
  private filter(
    r: Req,
    res: EngineResponse,
    source: 'upstream' | 'return' | 'error' | 'redirect' | 'static',
    reason: string,
  ): EngineResponse {
    const level = r.location?.level ?? r.server.level;
    const added: HeaderList = [];
    for (const node of level.all('add_header')) {
      const h = node.value as AddHeader;
      if (!h.always && !ADD_HEADER_STATUSES.has(res.status)) continue;
      const value = node.compiled?.get(1)?.evaluate(r) ?? h.value;
      if (value === '') continue;
      added.push([h.name, value]);
    }
    if (added.length) emit(r, { type: 'headers', added, hidden: [], reason: 'add_header' });
    const date = httpDate(r.clock.epochMs + r.clock.now());
    const keepAlive =
      r.incoming.httpVersion === '1.1' &&
      r.headersIn.get('connection')?.[0]?.toLowerCase() !== 'close';
    const headers: HeaderList = [
      ['Server', serverTokens(r) === 'off' ? 'nginx' : `nginx/${NGINX_VERSION}`],
      ['Date', date],
      ...res.headers,
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
      ...added,
    ];
    const out: EngineResponse = {
      status: res.status,
      headers,
      body: r.incoming.method === 'HEAD' ? new Uint8Array(0) : res.body,
    };
    r.status = out.status;
    r.headersOut = headers;
    r.bytesSent = out.body.length;
    emit(r, { type: 'respond', status: out.status, source, reason });
    return out;
  }

  /** The log phase: one line per `access_log` in effect, in its format. */
  private log(r: Req): { path: string; line: string }[] {
    const http = this.config.http;
    if (!http) return [];
    const level = r.location?.level ?? r.server.level;
    const lines: { path: string; line: string }[] = [];
    for (const node of level.all('access_log')) {
      const conf = node.value as AccessLogConf;
      if (conf.off) continue;
      if (conf.condition) {
        const v = conf.condition.evaluate(r);
        if (v === '' || v === '0') continue;
      }
      const format = http.logFormats.get(conf.format);
      if (!format) continue;
      const line = format.evaluateForLog(r);
      lines.push({ path: conf.path, line });
      emit(r, { type: 'log', line });
    }
    return lines;
  }
}

function serverTokens(r: Req): 'on' | 'off' | 'build' {
  const level = r.location?.level ?? r.server.level;
  return level.value<'on' | 'off' | 'build'>('server_tokens') ?? 'on';
}

/** Host header → server name: port removed, lower-cased, trailing dot removed; null when invalid. */
function normalizeHost(raw: string): string | null {
  let host = raw.toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end === -1) return null;
    host = host.slice(0, end + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.includes('/') || host.includes('\\') || host.includes('..') || host.includes('\0'))
    return null;
  return host;
}

function requestProblem(
  incoming: IncomingRequest,
  headersIn: Map<string, string[]>,
  host: string | null,
): string | null {
  if (!TOKEN.test(incoming.method)) return `"${incoming.method}" is not a valid method`;
  const hosts = headersIn.get('host');
  if (hosts && hosts.length > 1) return 'the request has more than one Host header';
  if (host === null || (hosts && host === '')) return 'the Host header is not a valid host name';
  const te = headersIn.get('transfer-encoding');
  if (te && headersIn.has('content-length'))
    return 'the request has both Content-Length and Transfer-Encoding';
  if (!hosts && incoming.httpVersion === '1.1')
    return 'an HTTP/1.1 request must carry a Host header';
  if (!incoming.target.startsWith('/')) return 'the request target must start with /';
  return null;
}

/** nginx makes a redirect to `/path` absolute: scheme, the Host name, and the port when it is not the default. */
export function absoluteLocation(r: Req, location: string): string {
  if (!location.startsWith('/')) return location;
  const level = r.location?.level ?? r.server.level;
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
function httpDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== dateCache.second) {
    dateCache = { second, text: new Date(second * 1000).toUTCString() };
  }
  return dateCache.text;
}
