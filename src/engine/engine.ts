/**
 * The request pipeline, in nginx's phase order: server selection, server
 * rewrite, location match, location rewrite, preaccess, access, try_files,
 * content, then error_page, the header filter, body filters and the log.
 * Internal redirects (try_files, error_page, index) go back to the location
 * match. Every decision is traced.
 */
import type { Clock } from './clock';
import type { CompiledConfig } from './compile';
import type { LocationConf } from './conf';
import type { EngineResponse, HeaderList, IncomingRequest } from '../http/message';
import { parseTarget } from './http/uri';
import { DEFAULT_ACCESS_LOG, type AccessLogConf } from './modules/log';
import { BODY_FILTERS, LOCATION_PHASES } from './pipeline';
import {
  EngineState,
  type Finish,
  type PhaseContext,
  type PhaseHandler,
  type PhaseOutcome,
} from './phases';
import { findErrorPage } from './error-page';
import { wireStatus } from '../http/pages';
import type { GzipCompressor } from './modules/gzip-compress';
import { bodyTooLarge } from './modules/body-size';
import { emit, type Req } from './request';
import { absoluteLocation, generate, headerFilter, levelOf } from './response';
import { findLocation } from './routing/location-match';
import { groupByPort, selectServer, type PortGroup } from './routing/server-select';
import { runScript } from './rewrite-run';
import type { TraceEvent } from './trace';
import type { Transport, UpstreamRequest, UpstreamResponse } from './upstream/transport';

export type { Finish } from './phases';

export interface ProxyOptions {
  clock: Clock;
  transport: Transport;
  /** How gzip compresses (CompressionStream by default); tests may pass zlib at the configured level. */
  gzip?: GzipCompressor;
}

export interface HandleResult {
  /** What the client received; null when the connection itself failed. */
  response: EngineResponse | null;
  /** Why no HTTP response came back (nothing listens on the port, TLS to a plain port). */
  connectionError: string | null;
  trace: TraceEvent[];
  /** The last request a backend received while this request was in flight. */
  upstreamRequest: UpstreamRequest | null;
  /**
   * The last response a backend sent while this request was in flight, as it
   * sent it (before hidden headers, add_header, gzip...); null when no backend
   * answered (a cache HIT, nginx answered itself, every try refused or timed out).
   */
  upstreamResponse: UpstreamResponse | null;
  /** Access log lines written for this request. */
  accessLog: { path: string; line: string }[];
}

/** A phase outcome that ends routing: a response, or one nginx must still write. */
type Final = Exclude<PhaseOutcome, undefined | { kind: 'redirect' }>;

const MAX_URI_CHANGES = 10;
const LARGE_HEADER_BUFFER = 8192;

export class ProxyEngine {
  private nextId = 1;
  private readonly ports: Map<number, PortGroup>;
  /** Rate-limit buckets, cache entries, connection counts: kept until the config is replaced. */
  readonly state = new EngineState();

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

  /**
   * `id` is the request's id in traces and `$request_id`; the caller gives
   * one when it numbers requests itself (the sandbox keeps one id per request
   * across reloads), else the engine counts.
   */
  async handle(incoming: IncomingRequest, id = this.nextId++): Promise<HandleResult> {
    const clock = this.options.clock;
    const trace: TraceEvent[] = [];
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
        upstreamResponse: null,
        accessLog: [],
      };
    };
    if (!group)
      return connectionFailed(`connection refused: nothing listens on port ${incoming.port}`);
    if (incoming.tls && !group.ssl)
      return connectionFailed(`TLS handshake failed: port ${incoming.port} speaks plain HTTP`);

    const headerLines = withoutEdgeSpaces(incoming.headers);
    const headersIn = new Map<string, string[]>();
    for (const [n, v] of headerLines) {
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
      method: incoming.method,
      startedAt: at,
      clock,
      transport: this.options.transport,
      headersIn,
      headerLines,
      host: host ?? '',
      scheme: incoming.tls ? 'https' : 'http',
      server: choice.server,
      location: null,
      uri: '',
      args: '',
      quoted: false,
      uriChanged: false,
      locationInvalid: false,
      internal: false,
      captures: choice.captures,
      vars: new Map(Object.entries(choice.groups ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      upstreamTries: [],
      upstreamHeaders: null,
      proxyHost: '',
      status: 0,
      headersOut: [],
      sent: null,
      errorPageUsed: false,
      uriChanges: 0,
      errStatus: 0,
      bodyDiscarded: false,
      cleanups: [],
      trace,
    };
    const ctx: PhaseContext = {
      http: this.config.http!,
      state: this.state,
      upstreamSeen: { last: null, response: null },
      gzip: this.options.gzip,
    };
    let final: Final;
    const invalid = requestProblem(incoming, headersIn, host);
    const te = headersIn.get('transfer-encoding')?.[0];
    if (invalid) {
      final = reject(r, invalid.status, invalid.reason);
    } else if (te !== undefined && te.toLowerCase() !== 'chunked') {
      final = reject(r, 501, `Transfer-Encoding "${te}" is not supported (only chunked is)`);
    } else {
      emit(r, {
        type: 'server',
        port: incoming.port,
        host: r.host,
        server: choice.server.primaryName || '(no server_name)',
        line: choice.server.line,
        reason: choice.reason,
      });
      final =
        group.ssl && !incoming.tls
          ? reject(r, 497, `plain HTTP sent to port ${incoming.port}, which expects TLS`)
          : await this.process(r, ctx);
    }
    let response: EngineResponse;
    try {
      response = await this.finalize(r, final, ctx);
    } finally {
      for (const cleanup of r.cleanups) cleanup();
    }
    const accessLog = this.log(r);
    return {
      response,
      connectionError: null,
      trace,
      upstreamRequest: ctx.upstreamSeen.last,
      upstreamResponse: ctx.upstreamSeen.response,
      accessLog,
    };
  }

  /** From the parsed target to a final outcome: server rewrite, then the location phases. */
  private async process(r: Req, ctx: PhaseContext): Promise<Final> {
    const parsed = parseTarget(r.incoming.target);
    if (!parsed)
      return reject(
        r,
        400,
        'the request target is not a valid path (bad %-escape, NUL, or .. above the root)',
      );
    r.uri = parsed.path;
    r.args = parsed.args;
    r.quoted = parsed.quoted;
    const serverScript = runScript(r, r.server.script, 'server', ctx.http.files);
    if (serverScript.finish) return { kind: 'finish', finish: serverScript.finish };
    return this.route(r, ctx, null);
  }

  /**
   * Finds the location for the current URI (or enters a named one) and runs
   * its phases, following rewrites and internal redirects, at most ten URI
   * changes in all as nginx allows.
   */
  private async route(r: Req, ctx: PhaseContext, named: LocationConf | null): Promise<Final> {
    let enter = named;
    for (; r.uriChanges <= MAX_URI_CHANGES; r.uriChanges++) {
      const found = enter ?? this.match(r);
      if (found === 'redirected') return { kind: 'finish', finish: this.autoRedirect(r) };
      const matched = enter === null;
      enter = null;
      // limit_except: another method is served by the block's settings, chosen with the location.
      const limit = found?.limitExcept;
      const location = limit && !limit.methods.has(r.method) ? limit.location : found;
      r.location = location;
      // ngx_http_core_find_config_phase: before the location's rewrites run, and before the body size.
      if (location?.internal && !r.internal)
        return reject(
          r,
          404,
          `location ${location.label} is internal: only internal redirects reach it`,
        );
      const tooLarge = matched ? bodyTooLarge(r, location) : null;
      if (tooLarge) return { kind: 'finish', finish: tooLarge };
      if (location) {
        const script = runScript(r, location.script, 'location', ctx.http.files);
        if (script.finish) return { kind: 'finish', finish: script.finish };
        if (script.uriChanged && !script.stayInLocation) continue;
      }
      // A matching `if` block may have given the request that block's configuration.
      const outcome = await this.locationPhases(r, r.location, ctx);
      if (outcome.kind !== 'redirect') return outcome;
      r.internal = true;
      r.uriChanged = true;
      emit(r, {
        type: 'internal-redirect',
        to: outcome.named ?? outcome.uri + (outcome.args ? '?' + outcome.args : ''),
        reason: outcome.reason,
      });
      if (outcome.named) {
        enter = r.server.locations.named.get(outcome.named) ?? null;
        if (!enter) return reject(r, 500, `no named location "${outcome.named}"`);
      } else {
        r.uri = outcome.uri;
        r.locationInvalid = false;
        if (outcome.args !== undefined) r.args = outcome.args;
      }
    }
    return reject(
      r,
      500,
      `the URI changed more than ${MAX_URI_CHANGES} times: rewrite or internal redirection cycle`,
    );
  }

  /** The location for `r.uri`, traced; 'redirected' when nginx answers 301 to add a slash. */
  private match(r: Req): LocationConf | null | 'redirected' {
    const match = findLocation(r.server.locations, r.uri);
    emit(r, {
      type: 'match',
      uri: r.uri,
      location: match.location ? match.location.label : null,
      line: match.location?.line ?? null,
      reason: match.reason,
      candidates: match.candidates,
    });
    if (match.redirectTo) return 'redirected';
    if (match.captures) r.captures = match.captures;
    for (const [k, v] of Object.entries(match.groups ?? {})) r.vars.set(k.toLowerCase(), v);
    return match.location;
  }

  private autoRedirect(r: Req): Finish {
    const target = r.uri + '/' + (r.args ? '?' + r.args : '');
    return {
      status: 301,
      location: target,
      source: 'redirect',
      reason: `${r.uri} names a proxied location that ends in /: nginx redirects to add the slash`,
    };
  }

  /** preaccess, access, try_files and content; a 404 when no content handler answers. */
  private async locationPhases(
    r: Req,
    location: LocationConf | null,
    ctx: PhaseContext,
  ): Promise<Exclude<PhaseOutcome, undefined>> {
    for (const phase of LOCATION_PHASES) {
      const outcome = await runHandlers(phase, r, location, ctx);
      if (outcome) return outcome;
    }
    return reject(
      r,
      404,
      location
        ? `nothing in location ${location.label} produced a response`
        : 'no location matches',
    );
  }

  /** error_page, nginx's own pages, the header filter and body filters. */
  private async finalize(r: Req, final: Final, ctx: PhaseContext): Promise<EngineResponse> {
    // After a redirection cycle nginx sends its own 500 page (uri_changes is 0).
    // `return CODE text` (below 400 or with a text, not a redirect) is sent as is, error_page never sees it.
    const special =
      final.kind === 'finish' &&
      (final.finish.text === undefined || final.finish.source === 'redirect');
    // nginx's special response handler: $status is this error's from now on (err_status).
    if (special) r.errStatus = wireStatus(final.finish.status);
    if (special && !r.errorPageUsed && r.uriChanges <= MAX_URI_CHANGES) {
      const page = findErrorPage(r, final.finish.status);
      if (page) {
        // recursive_error_pages on lets the error page's own error use error_page again.
        if (!levelOf(r).value<boolean>('recursive_error_pages')) r.errorPageUsed = true;
        if (page.kind === 'redirect') {
          return this.finalize(
            r,
            {
              kind: 'finish',
              finish: {
                status: page.status,
                location: page.location,
                source: 'redirect',
                reason: page.reason,
              },
            },
            ctx,
          );
        }
        // A redirect's Location stays in headers_out: the error page is sent with it.
        if (final.finish.location !== undefined) r.errorLocation = final.finish.location;
        // The error page is fetched like any request, with GET (HEAD stays HEAD), and sent with the error's status unless `=` says otherwise.
        if (r.method !== 'HEAD') r.method = 'GET';
        r.errStatus = page.status ?? 0;
        r.internal = true;
        r.uriChanged = true;
        emit(r, { type: 'internal-redirect', to: page.target, reason: page.reason });
        let target: Final;
        if (++r.uriChanges > MAX_URI_CHANGES) {
          target = reject(r, 500, `error_page: rewrite or internal redirection cycle`);
        } else if (page.named) {
          const named = r.server.locations.named.get(page.named);
          target = named
            ? await this.route(r, ctx, named)
            : reject(r, 500, `no named location "${page.named}"`);
        } else {
          r.uri = page.uri;
          r.locationInvalid = false;
          r.args = page.args;
          target = await this.route(r, ctx, null);
        }
        const status = page.status ?? null;
        // A static file already carries the error's status, or what nginx's filters made of it (304, 206).
        // An error of the page's own is sent with its own status (nginx resets err_status).
        const keep =
          status === null ||
          (target.kind === 'response' && target.source === 'static') ||
          (target.kind === 'finish' &&
            (target.finish.text === undefined || target.finish.source === 'redirect'));
        return this.finalize(r, keep ? target : withStatus(target, status), ctx);
      }
    }
    let response = final.kind === 'finish' ? generate(r, final.finish) : final.response;
    if (r.errorLocation !== undefined && !(final.kind === 'finish' && final.finish.location)) {
      const location = absoluteLocation(r, r.errorLocation);
      response = { ...response, headers: [...response.headers, ['Location', location]] };
    }
    const source = final.kind === 'finish' ? final.finish.source : final.source;
    const reason = final.kind === 'finish' ? final.finish.reason : final.reason;
    response = headerFilter(r, response, source, reason);
    for (const filter of BODY_FILTERS) {
      // A filter with nothing to do (gzip off) answers synchronously: no extra await on the hot path.
      const out = filter(r, response, ctx);
      response = out instanceof Promise ? await out : out;
    }
    r.sent = response;
    return response;
  }

  /** The log phase: one line per `access_log` in effect, in its format (nginx's default when none is written). */
  private log(r: Req): { path: string; line: string }[] {
    const http = this.config.http;
    if (!http) return [];
    const lines: { path: string; line: string }[] = [];
    const nodes = levelOf(r).all('access_log');
    const confs = nodes.length
      ? nodes.map((node) => node.value as AccessLogConf)
      : [DEFAULT_ACCESS_LOG];
    for (const conf of confs) {
      if (conf.off) continue;
      if (conf.condition) {
        const v = conf.condition.evaluate(r);
        if (v === '' || v === '0') continue;
      }
      const format = http.logFormats.get(conf.format);
      if (!format) continue;
      const line = format.value.evaluateForLog(r, format.escape);
      lines.push({ path: conf.path, line });
      emit(r, { type: 'log', line });
    }
    return lines;
  }
}

async function runHandlers(
  handlers: readonly PhaseHandler[],
  r: Req,
  location: LocationConf | null,
  ctx: PhaseContext,
): Promise<PhaseOutcome> {
  for (const handler of handlers) {
    const result = handler(r, location, ctx);
    // Most handlers answer synchronously; awaiting only real promises keeps the hot path short.
    const outcome = result instanceof Promise ? await result : result;
    if (outcome) return outcome;
  }
  return undefined;
}

/** Ends the request with an error nginx writes itself, traced with the reason. */
function reject(r: Req, status: number, reason: string): Final {
  emit(r, { type: 'reject', status, reason });
  return { kind: 'finish', finish: { status, source: 'error', reason } };
}

/** The outcome of an error page's target, sent with the error's status. */
function withStatus(final: Final, status: number): Final {
  if (final.kind === 'finish') return { kind: 'finish', finish: { ...final.finish, status } };
  // nginx's own phrase for the error's status replaces the backend's (ngx_http_send_header).
  return { ...final, response: { ...final.response, status, reason: undefined } };
}

/** Header values as nginx's parser keeps them: spaces before and after a value are not part of it. */
function withoutEdgeSpaces(headers: HeaderList): HeaderList {
  const spaced = ([, v]: [string, string]) => v.startsWith(' ') || v.endsWith(' ');
  if (!headers.some(spaced)) return headers;
  return headers.map((h) => (spaced(h) ? [h[0], h[1].replace(/^ +| +$/g, '')] : h));
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

/** What nginx refuses while reading the request line and headers, with the status it answers. */
function requestProblem(
  incoming: IncomingRequest,
  headersIn: Map<string, string[]>,
  host: string | null,
): { status: number; reason: string } | null {
  const bad = (reason: string) => ({ status: 400, reason });
  // nginx's parser accepts only upper-case letters, `_` and `-` in a method.
  if (!/^[A-Z_-]+$/.test(incoming.method)) return bad(`"${incoming.method}" is not a valid method`);
  // large_client_header_buffers 4 8k: the request line and each header line must fit in 8 KB.
  const requestLine = `${incoming.method} ${incoming.target} HTTP/${incoming.httpVersion}\r\n`;
  if (requestLine.length > LARGE_HEADER_BUFFER)
    return { status: 414, reason: 'the request line is longer than 8 KB' };
  if (incoming.headers.some(([n, v]) => n.length + v.length + 4 > LARGE_HEADER_BUFFER)) {
    return {
      status: 494,
      reason: 'a header line is longer than 8 KB (large_client_header_buffers)',
    };
  }
  const hosts = headersIn.get('host');
  if (hosts && hosts.length > 1) return bad('the request has more than one Host header');
  if (host === null || (hosts && host === ''))
    return bad('the Host header is not a valid host name');
  if (headersIn.has('transfer-encoding') && headersIn.has('content-length'))
    return bad('the request has both Content-Length and Transfer-Encoding');
  if (!hosts && incoming.httpVersion === '1.1')
    return bad('an HTTP/1.1 request must carry a Host header');
  if (!incoming.target.startsWith('/')) return bad('the request target must start with /');
  return null;
}
