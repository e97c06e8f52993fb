/**
 * An exchange's trace as the hops a learner watches, in order, and how the
 * journey ended. Everything here is read from the trace: no decision is made
 * again, so the animation can only show what the engine did.
 */
import { STATUS_LINE_REASONS } from '../http/pages';
import type { TraceEvent } from '../engine';
import type { Exchange } from '../runtime/types';
import { answeredBy, type AnsweredBy } from './answeredBy';
import { headerChangeWords } from './headerChanges';
import type { EventOf as Event } from './lastEvent';
import { outcomeOf, type Outcome } from './outcomeOf';

/** Where a packet is: the client, the proxy, its cache or disk, an upstream group, one backend. */
export type NodeName =
  'client' | 'proxy' | 'cache' | 'disk' | `upstream:${string}` | `backend:${string}`;

export type HopKind =
  /** TLS on the way in (the request came over https). */
  | 'tls'
  | 'request'
  | 'server'
  | 'rewrite'
  | 'return'
  | 'internal-redirect'
  | 'match'
  | 'limit'
  /** The request ends early with an error status (deny, body too large...). */
  | 'reject'
  /** A look at the cache (the packet goes to the cache and comes back). */
  | 'cache-lookup'
  /** The cache keeps, refreshes or lets go of an entry. */
  | 'cache-store'
  /** A look at the virtual disk (there and back). */
  | 'static'
  | 'balance'
  /** The request sent to one backend. */
  | 'upstream'
  /** What that backend did: answered, refused the connection, or timed out. */
  | 'backend'
  | 'headers'
  | 'compress'
  /** The answer on its way to the client: always the last hop when there is one. */
  | 'respond'
  /** No HTTP answer at all: the connection failed. */
  | 'no-response';

export interface Hop {
  /** Unique across journeys: `<requestId>.<index>`. */
  id: string;
  from: NodeName;
  to: NodeName;
  kind: HopKind;
  /** Short, plain words first: `round robin: 127.0.0.1:3002 is next`. */
  label: string;
  /** The engine's reason, in full. */
  detail: string;
  /** The trace events this hop explains. */
  events: TraceEvent[];
  /** Virtual ms of the first event it explains. */
  at: number;
}

export interface Journey {
  requestId: string;
  hops: Hop[];
  outcome: Outcome;
  /** The backend whose answer the client got; null when nginx answered itself. */
  answeredBy: AnsweredBy | null;
}

type HopDraft = Omit<Hop, 'id'>;

/** The journey of one exchange: its hops, its outcome and who answered. */
export function journeyOf(
  exchange: Pick<Exchange, 'requestId' | 'trace' | 'connectionError' | 'upstreamResponse'>,
): Journey {
  return {
    requestId: exchange.requestId,
    hops: hopsOf(exchange),
    outcome: outcomeOf(exchange),
    answeredBy: answeredBy(exchange),
  };
}

/** The hops, in the order the learner watches them. */
export function hopsOf(exchange: Pick<Exchange, 'requestId' | 'trace' | 'connectionError'>): Hop[] {
  const { trace } = exchange;
  const drafts: HopDraft[] = [];
  /** The answer to the client is shown last, after gzip and headers that the trace records around it. */
  let respond: Event<'respond'> | null = null;
  const logs: TraceEvent[] = [];
  let group: NodeName = 'proxy';

  const add = (
    event: TraceEvent,
    kind: HopKind,
    from: NodeName,
    to: NodeName,
    label: string,
    detail: string,
  ) => drafts.push({ kind, from, to, label, detail, events: [event], at: event.at });

  trace.forEach((event, i) => {
    switch (event.type) {
      case 'receive': {
        const scheme = event.tls ? 'https' : 'http';
        if (event.tls)
          add(
            event,
            'tls',
            'client',
            'proxy',
            `TLS handshake on port ${event.port}`,
            `the client opens an encrypted connection; the proxy decrypts the request`,
          );
        add(
          event,
          'request',
          'client',
          'proxy',
          `${event.method} ${event.target} to ${event.host || '(no Host)'}`,
          `from ${event.client}, ${scheme} on port ${event.port}`,
        );
        break;
      }
      case 'server':
        add(
          event,
          'server',
          'proxy',
          'proxy',
          `server ${event.server || '""'} on port ${event.port}`,
          event.reason,
        );
        break;
      case 'rewrite':
        add(
          event,
          'rewrite',
          'proxy',
          'proxy',
          `rewrite: ${event.from} → ${event.to}`,
          event.reason,
        );
        break;
      case 'return':
        add(event, 'return', 'proxy', 'proxy', `return ${event.status}`, event.reason);
        break;
      case 'internal-redirect':
        add(
          event,
          'internal-redirect',
          'proxy',
          'proxy',
          `internal redirect to ${event.to}`,
          event.reason,
        );
        break;
      case 'match':
        add(
          event,
          'match',
          'proxy',
          'proxy',
          event.location === null
            ? `no location matches ${event.uri}`
            : `location ${event.location} matches ${event.uri}`,
          event.reason,
        );
        break;
      case 'limit':
        add(event, 'limit', 'proxy', 'proxy', limitLabel(event), event.reason);
        break;
      case 'reject': {
        if (event.status === null) {
          add(
            event,
            'no-response',
            'proxy',
            'client',
            `no response: ${event.reason}`,
            event.reason,
          );
          break;
        }
        // A limit that rejects is followed by the reject it caused: one decision, one hop.
        const last = drafts.at(-1);
        const cause = last?.events.at(-1);
        if (last?.kind === 'limit' && cause?.type === 'limit' && cause.decision === 'rejected') {
          last.events.push(event);
          break;
        }
        add(event, 'reject', 'proxy', 'proxy', rejectLabel(event.status), event.reason);
        break;
      }
      case 'cache':
        if (event.step === 'lookup' || event.step === 'stale')
          add(
            event,
            'cache-lookup',
            'proxy',
            'cache',
            `cache ${event.status}: ${event.reason}`,
            event.reason,
          );
        else
          add(
            event,
            'cache-store',
            'proxy',
            'cache',
            event.step === 'evict'
              ? `cache evicts ${event.key}`
              : `cache ${event.step}: ${event.reason}`,
            event.reason,
          );
        break;
      case 'static':
        add(event, 'static', 'proxy', 'disk', staticLabel(event), event.reason);
        break;
      case 'balance':
        group = `upstream:${event.upstream}`;
        add(event, 'balance', 'proxy', group, balanceLabel(event), event.reason);
        break;
      case 'upstream':
        add(
          event,
          'upstream',
          group,
          `backend:${event.address}`,
          event.attempt > 1
            ? `next server: ${event.method} ${event.uri} to ${event.address}`
            : `${event.method} ${event.uri} to ${event.address}`,
          event.reason,
        );
        break;
      case 'backend': {
        // A failed try goes back to the group when nginx tries another server.
        const retried = trace.slice(i + 1).some((e) => e.type === 'upstream');
        const to: NodeName = event.outcome !== 'response' && retried ? group : 'proxy';
        const label = backendLabel(event, retried);
        add(event, 'backend', `backend:${event.address}`, to, label, label);
        break;
      }
      case 'headers':
        add(
          event,
          'headers',
          'proxy',
          'proxy',
          `headers: ${headerChangeWords(event)}`,
          event.reason,
        );
        break;
      case 'compress':
        add(
          event,
          'compress',
          'proxy',
          'proxy',
          event.compressed
            ? `gzip: ${event.sizeBefore} → ${event.sizeAfter ?? '?'} bytes`
            : 'gzip: not compressed',
          event.reason,
        );
        break;
      case 'respond':
        respond = event;
        break;
      case 'log':
        logs.push(event);
        break;
      default: {
        const never: never = event;
        throw new Error(`no hop for trace event ${JSON.stringify(never)}`);
      }
    }
  });

  if (respond !== null) {
    const r: Event<'respond'> = respond;
    drafts.push({
      kind: 'respond',
      from: 'proxy',
      to: 'client',
      label: `${r.status} ${STATUS_LINE_REASONS[r.status] ?? ''}`.trim() + sourceWords(r.source),
      detail: r.reason,
      events: [r],
      at: r.at,
    });
  } else if (exchange.connectionError !== null && !drafts.some((d) => d.kind === 'no-response')) {
    // No trace at all (no config loaded yet): the failed connection is the whole journey.
    drafts.push({
      kind: 'no-response',
      from: 'client',
      to: 'proxy',
      label: `no response: ${exchange.connectionError}`,
      detail: exchange.connectionError,
      events: [],
      at: trace.at(-1)?.at ?? 0,
    });
  }
  // The access log is written as the request ends.
  drafts.at(-1)?.events.push(...logs);

  return drafts.map((d, i) => ({ id: `${exchange.requestId}.${i}`, ...d }));
}

function limitLabel(event: Event<'limit'>): string {
  const dry = event.dryRun ? ' (dry run)' : '';
  if (event.directive === 'limit_req') {
    const name = `rate limit ${event.zone}${dry}`;
    switch (event.decision) {
      case 'passed':
        return `${name}: passed`;
      case 'delayed':
        return `${name}: delayed ${event.delayMs} ms`;
      case 'rejected':
        return event.dryRun
          ? `${name}: over the rate, would be rejected`
          : `${name}: over the rate, burst ${event.burst} full → ${event.status ?? 'rejected'}`;
      case 'skipped':
        return `${name}: not counted`;
    }
  }
  const name = `connection limit ${event.zone}${dry}`;
  return event.decision === 'passed'
    ? `${name}: ${event.count} of ${event.limit} in flight`
    : `${name}: more than ${event.limit} in flight → ${event.status ?? 'rejected'}`;
}

function rejectLabel(status: number): string {
  switch (status) {
    case 403:
      return 'access denied → 403';
    case 413:
      return 'request body too large → 413';
    default:
      return `rejected → ${status}`;
  }
}

function staticLabel(event: Event<'static'>): string {
  const probe = event.probes.at(-1);
  const who = event.step === 'file' ? 'file' : event.step;
  if (!probe) return `${who}: nothing to look at`;
  const found: Record<typeof probe.found, string> = {
    file: 'is a file',
    directory: 'is a directory',
    ENOENT: 'does not exist',
    ENOTDIR: 'is not under a directory',
  };
  return `${who}: ${probe.path} ${found[probe.found]}`;
}

function balanceLabel(event: Event<'balance'>): string {
  const { method, chosen } = event;
  if (chosen === null) return `${method}: no server can take the request`;
  const candidate = event.candidates.find((c) => c.address === chosen);
  switch (method) {
    case 'round robin':
      return `round robin: ${chosen} is next`;
    case 'single server':
      return `one server: ${chosen}`;
    case 'least_conn':
      return `least_conn: ${chosen} has ${candidate?.activeConnections ?? 0} active connections`;
    case 'hash':
    case 'hash consistent':
      return `${method} of "${event.key ?? ''}": ${chosen}`;
    case 'ip_hash':
      return `ip_hash of ${event.octets?.join('.') ?? 'the client'}: ${chosen}`;
    default:
      return `${method}: ${chosen}`;
  }
}

function backendLabel(event: Event<'backend'>, retried: boolean): string {
  switch (event.outcome) {
    case 'response':
      return `${event.address} answered ${event.status ?? ''} in ${event.durationMs} ms`;
    case 'refused':
      return `${event.address} refused the connection${retried ? ' → next server' : ''}`;
    case 'timeout':
      return `${event.address} did not answer within ${event.durationMs} ms${retried ? ' → next server' : ''}`;
  }
}

function sourceWords(source: Event<'respond'>['source']): string {
  switch (source) {
    case 'cache':
      return ', from the cache';
    case 'static':
      return ', a file from disk';
    case 'redirect':
      return ', a redirect';
    case 'upstream':
      return ', from the backend';
    case 'return':
      return ', written by the proxy';
    case 'error':
      return ', an error page';
  }
}
