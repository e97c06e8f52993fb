/**
 * What the proxy changed on the way: the request as the client sent it next
 * to the request the backend received, and the response the backend sent
 * next to what the client got. Reasons come from the trace wherever the
 * trace states one (hidden and added headers, gzip, cache, rewrites); the
 * rest are nginx's fixed rules (hop-by-hop headers, HTTP/1.0 upstream).
 */
import type {
  EngineResponse,
  HeaderList,
  IncomingRequest,
  TraceEvent,
  UpstreamRequest,
  UpstreamResponse,
} from '../engine';
import { STATUS_LINE_REASONS } from '../http/pages';
import type { Exchange } from '../runtime/types';

/** `replaced`: nginx dropped the header and wrote its own (Connection, Server, Date). */
export type ChangeKind = 'added' | 'removed' | 'hidden' | 'changed' | 'replaced';

export interface HeaderChange {
  /** As the side that has it spells it (the later side when both do). */
  name: string;
  kind: ChangeKind;
  before: string[];
  after: string[];
  reason: string;
}

/** A change to the request or status line. */
export interface LineChange {
  what: 'method' | 'URI' | 'HTTP version' | 'status';
  before: string;
  after: string;
  reason: string;
}

/** One side of a comparison: what to show, with one mark per header (null: unchanged). */
export interface MessageSide {
  startLine: string;
  headers: HeaderList;
  marks: (ChangeKind | null)[];
  body: Uint8Array | null;
}

export interface Comparison {
  before: MessageSide;
  after: MessageSide;
  lines: LineChange[];
  headers: HeaderChange[];
  /** Further facts in words: body sizes and gzip, cache status. */
  notes: string[];
}

/** One hop's virtual time, from the trace's `at` (ms after the proxy received the request). */
export interface HopTime {
  label: string;
  atMs: number;
  /** How long it took, when the trace says (a backend's answer). */
  durationMs: number | null;
}

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

function eventsOf<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T): Ev<T>[] {
  return trace.filter((e): e is Ev<T> => e.type === type);
}

/** Headers grouped by lower-case name, in first-seen order. */
function group(headers: HeaderList): Map<string, { name: string; values: string[] }> {
  const out = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const entry = out.get(key);
    if (entry) entry.values.push(value);
    else out.set(key, { name, values: [value] });
  }
  return out;
}

const sameValues = (a: string[], b: string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Added, removed and changed headers, names compared case-insensitively and
 * values as the list of every value in order. `reasonOf` names the kind and
 * why; it may turn a removal into `hidden` or a change into `replaced`.
 */
export function diffHeaders(
  before: HeaderList,
  after: HeaderList,
  reasonOf: (
    key: string,
    kind: 'added' | 'removed' | 'changed',
    before: string[],
    after: string[],
  ) => { kind: ChangeKind; reason: string },
): HeaderChange[] {
  const a = group(before);
  const b = group(after);
  const changes: HeaderChange[] = [];
  for (const [key, { name, values }] of a) {
    const other = b.get(key);
    if (!other) {
      changes.push({ name, before: values, after: [], ...reasonOf(key, 'removed', values, []) });
    } else if (!sameValues(values, other.values)) {
      changes.push({
        name: other.name,
        before: values,
        after: other.values,
        ...reasonOf(key, 'changed', values, other.values),
      });
    }
  }
  for (const [key, { name, values }] of b) {
    if (!a.has(key))
      changes.push({ name, before: [], after: values, ...reasonOf(key, 'added', [], values) });
  }
  return changes;
}

function marksFor(headers: HeaderList, changes: HeaderChange[], side: 'before' | 'after') {
  const byKey = new Map(changes.map((c) => [c.name.toLowerCase(), c.kind]));
  return headers.map(([name]) => {
    const kind = byKey.get(name.toLowerCase());
    if (!kind) return null;
    if (side === 'before') return kind === 'added' ? null : kind;
    return kind === 'removed' || kind === 'hidden' ? null : kind;
  });
}

/** Hop-by-hop request headers nginx never forwards as they are (RFC 9110 §7.6.1, and Expect). */
const REQUEST_HOP_BY_HOP: Record<string, string> = {
  connection:
    'Connection is hop-by-hop: nginx drops the client’s and sends its own (close, unless proxy_set_header Connection says otherwise)',
  'keep-alive': 'hop-by-hop: it concerns only the client’s connection, so it is not forwarded',
  te: 'hop-by-hop: it concerns only the client’s connection, so it is not forwarded',
  upgrade:
    'hop-by-hop: not forwarded unless proxy_set_header Upgrade $http_upgrade passes it on (WebSocket)',
  'transfer-encoding': 'hop-by-hop: nginx reads the whole body and sends it with a Content-Length',
  expect: 'nginx answers Expect: 100-continue itself; the backend never sees it',
  'proxy-connection': 'hop-by-hop: not forwarded',
};

const FORWARDING: Record<string, string> = {
  'x-real-ip': 'added by proxy_set_header X-Real-IP $remote_addr: the client’s address',
  'x-forwarded-for':
    'added by proxy_set_header X-Forwarded-For: the client’s address, which the backend would otherwise not see',
  'x-forwarded-proto': 'added by proxy_set_header X-Forwarded-Proto: the scheme the client used',
  'x-forwarded-host': 'added by proxy_set_header X-Forwarded-Host: the Host the client asked for',
};

export function requestLine(m: { method: string; target: string; httpVersion: string }): string {
  return `${m.method} ${m.target} HTTP/${m.httpVersion}`;
}

/** The client's request next to the backend's; null when no backend received it. */
export function compareRequests(
  sent: IncomingRequest,
  upstream: UpstreamRequest | null,
  trace: readonly TraceEvent[],
): Comparison | null {
  if (!upstream) return null;
  const headers = diffHeaders(sent.headers, upstream.headers, (key, kind, before, after) => {
    if (key === 'host')
      return {
        kind: kind === 'added' ? 'added' : 'changed',
        reason:
          'Host rewritten: nginx sends the proxy_pass host ($proxy_host) unless proxy_set_header Host says otherwise',
      };
    if (key === 'connection' && kind !== 'removed')
      return { kind: kind === 'changed' ? 'replaced' : 'added', reason: REQUEST_HOP_BY_HOP[key]! };
    if (kind === 'removed' && REQUEST_HOP_BY_HOP[key])
      return { kind, reason: REQUEST_HOP_BY_HOP[key] };
    if (key === 'content-length')
      return { kind, reason: 'nginx writes the Content-Length of the body it sends' };
    if (kind === 'added' && FORWARDING[key]) return { kind, reason: FORWARDING[key] };
    if (
      key === 'x-forwarded-for' &&
      kind === 'changed' &&
      after.length === 1 &&
      after[0] === `${before.join(', ')}, ${sent.clientAddress}`
    )
      return {
        kind,
        reason: `$proxy_add_x_forwarded_for appends the client’s address (${sent.clientAddress})`,
      };
    if (kind === 'added') return { kind, reason: 'added by proxy_set_header' };
    if (kind === 'changed') return { kind, reason: 'set by proxy_set_header' };
    return {
      kind,
      reason:
        'not forwarded: proxy_set_header gives it an empty value, or proxy_pass_request_headers is off',
    };
  });
  const lines: LineChange[] = [];
  if (sent.method !== upstream.method)
    lines.push({
      what: 'method',
      before: sent.method,
      after: upstream.method,
      reason: 'an error page is fetched with GET',
    });
  if (sent.target !== upstream.target) {
    const said = [
      ...eventsOf(trace, 'rewrite').map((e) => `${e.directive}: ${e.reason}`),
      ...eventsOf(trace, 'internal-redirect').map((e) => `internal redirect: ${e.reason}`),
    ];
    lines.push({
      what: 'URI',
      before: sent.target,
      after: upstream.target,
      reason: said.length
        ? said.join('; ')
        : 'URI rewritten by proxy_pass (a URI part in proxy_pass replaces the matched location prefix; otherwise nginx sends the normalized URI)',
    });
  }
  if (sent.httpVersion !== upstream.httpVersion)
    lines.push({
      what: 'HTTP version',
      before: `HTTP/${sent.httpVersion}`,
      after: `HTTP/${upstream.httpVersion}`,
      reason:
        upstream.httpVersion === '1.0'
          ? 'nginx speaks HTTP/1.0 to backends unless proxy_http_version 1.1'
          : 'proxy_http_version 1.1',
    });
  return {
    before: {
      startLine: requestLine(sent),
      headers: sent.headers,
      marks: marksFor(sent.headers, headers, 'before'),
      body: sent.body,
    },
    after: {
      startLine: requestLine(upstream),
      headers: upstream.headers,
      marks: marksFor(upstream.headers, headers, 'after'),
      body: upstream.body,
    },
    lines,
    headers,
    notes: [`Sent to ${upstream.address}.`],
  };
}

export function statusLineOf(m: { status: number; reason?: string }): string {
  const reason = m.reason ?? STATUS_LINE_REASONS[m.status];
  return reason ? `HTTP/1.1 ${m.status} ${reason}` : `HTTP/1.1 ${m.status}`;
}

/** Response headers nginx drops as hop-by-hop, whatever the config. */
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/** The backend's answer next to the client's; null when no backend answered or the client got nothing. */
export function compareResponses(
  backend: UpstreamResponse | null,
  response: EngineResponse | null,
  trace: readonly TraceEvent[],
): Comparison | null {
  if (!backend || !response) return null;
  const hidden = new Map<string, string>();
  const added = new Map<string, string>();
  for (const e of eventsOf(trace, 'headers')) {
    for (const name of e.hidden) hidden.set(name.toLowerCase(), e.reason);
    for (const [name] of e.added) added.set(name.toLowerCase(), e.reason);
  }
  const compress = eventsOf(trace, 'compress').find((e) => e.compressed);
  const gzipReason = compress ? `gzip: ${compress.reason}` : null;
  const headers = diffHeaders(backend.headers, response.headers, (key, kind) => {
    // The trace says why: proxy_hide_header (and nginx's defaults), add_header, expires.
    if (kind === 'removed' && hidden.has(key)) return { kind: 'hidden', reason: hidden.get(key)! };
    if (kind !== 'removed' && added.has(key)) {
      const reason = added.get(key)!;
      return { kind, reason: reason === 'add_header' ? 'added by add_header' : reason };
    }
    if (gzipReason && ['content-encoding', 'content-length', 'etag'].includes(key))
      return { kind, reason: gzipReason };
    if (key === 'vary' && compress?.vary)
      return { kind, reason: 'gzip_vary: Vary: Accept-Encoding' };
    if (key === 'server' || key === 'date')
      return {
        kind: kind === 'added' ? 'added' : 'replaced',
        reason:
          kind === 'added'
            ? 'nginx’s header filter writes Server and Date on every response'
            : 'nginx hides the backend’s and writes its own (proxy_pass_header would keep it)',
      };
    if (key === 'connection' && kind !== 'removed')
      return {
        kind: kind === 'changed' ? 'replaced' : 'added',
        reason: 'Connection is hop-by-hop: nginx writes its own for the client’s connection',
      };
    if (kind === 'removed' && RESPONSE_HOP_BY_HOP.has(key))
      return { kind, reason: 'hop-by-hop: it concerns only the backend’s connection' };
    if (key === 'location' || key === 'refresh')
      return { kind, reason: 'rewritten by proxy_redirect' };
    return { kind, reason: 'changed by the proxy' };
  });
  const lines: LineChange[] = [];
  if (backend.status !== response.status) {
    const respond = eventsOf(trace, 'respond').at(-1);
    lines.push({
      what: 'status',
      before: String(backend.status),
      after: String(response.status),
      reason: respond?.reason ?? 'nginx answered with another status',
    });
  }
  const notes: string[] = [`Answered by ${backend.address}.`];
  if (compress && compress.sizeAfter !== null)
    notes.push(
      `gzip: ${compress.sizeBefore} bytes from the backend → ${compress.sizeAfter} bytes to the client` +
        (compress.ratio !== null ? ` (ratio ${compress.ratio})` : ''),
    );
  else if (backend.body.length !== response.body.length)
    notes.push(
      `Body: ${backend.body.length} bytes from the backend → ${response.body.length} bytes to the client.`,
    );
  else notes.push(`Body: ${backend.body.length} bytes, passed on as it came.`);
  const cache = cacheNote(trace);
  if (cache) notes.push(cache);
  return {
    before: {
      startLine: statusLineOf(backend),
      headers: backend.headers,
      marks: marksFor(backend.headers, headers, 'before'),
      body: backend.body,
    },
    after: {
      startLine: statusLineOf(response),
      headers: response.headers,
      marks: marksFor(response.headers, headers, 'after'),
      body: response.body,
    },
    lines,
    headers,
    notes,
  };
}

/** The cache's last word on this request, as the trace states it. */
export function cacheNote(trace: readonly TraceEvent[]): string | null {
  const last = eventsOf(trace, 'cache').at(-1);
  return last ? `Cache ${last.zone}: ${last.status} (${last.reason})` : null;
}

/** Why one side has nothing to compare, in words from the trace. */
export function whyNoBackend(exchange: Exchange): string {
  if (!exchange.response) return `No response: ${exchange.connectionError ?? 'unknown'}`;
  const respond = eventsOf(exchange.trace, 'respond').at(-1);
  if (respond?.source === 'cache') return `Served from the cache: ${respond.reason}`;
  const backend = eventsOf(exchange.trace, 'backend').at(-1);
  if (backend && backend.outcome !== 'response')
    return `No backend answered: ${backend.address} ${backend.outcome === 'refused' ? 'refused the connection' : 'timed out'}.`;
  return respond ? `nginx answered itself: ${respond.reason}` : 'nginx answered itself.';
}

/** Virtual time at each hop, relative to the moment the proxy received the request. */
export function hopTimes(trace: readonly TraceEvent[]): HopTime[] {
  const start = trace[0]?.at ?? 0;
  const hops: HopTime[] = [];
  for (const e of trace) {
    const at = e.at - start;
    switch (e.type) {
      case 'receive':
        hops.push({ label: `nginx received ${e.method} ${e.target}`, atMs: at, durationMs: null });
        break;
      case 'limit':
        if (e.decision === 'delayed')
          hops.push({ label: `${e.directive} delayed it`, atMs: at, durationMs: e.delayMs });
        break;
      case 'cache':
        if (e.step === 'lookup')
          hops.push({ label: `cache lookup: ${e.status}`, atMs: at, durationMs: null });
        break;
      case 'upstream':
        hops.push({
          label: `sent to ${e.address} (try ${e.attempt})`,
          atMs: at,
          durationMs: null,
        });
        break;
      case 'backend':
        hops.push({
          label:
            e.outcome === 'response'
              ? `${e.address} answered ${e.status}`
              : `${e.address}: ${e.outcome === 'refused' ? 'connection refused' : 'timed out'}`,
          atMs: at,
          durationMs: e.durationMs,
        });
        break;
      case 'respond':
        hops.push({ label: `nginx sent ${e.status} to the client`, atMs: at, durationMs: null });
        break;
    }
  }
  return hops;
}

/**
 * What the client got when no backend answered (a cache HIT, a rejection, a
 * return): the response alone, headers nginx added on the way marked as such.
 */
export function clientSide(
  response: EngineResponse | null,
  trace: readonly TraceEvent[],
): MessageSide | null {
  if (!response) return null;
  const added = new Set(
    eventsOf(trace, 'headers').flatMap((e) => e.added.map(([name]) => name.toLowerCase())),
  );
  return {
    startLine: statusLineOf(response),
    headers: response.headers,
    marks: response.headers.map(([name]) => (added.has(name.toLowerCase()) ? 'added' : null)),
    body: response.body,
  };
}
